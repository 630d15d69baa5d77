using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Tests.Rendering.Png;

public sealed class PngEncoderTests : IDisposable
{
    private const string Fingerprint = "0123456789abcdef0123456789abcdef";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 9)]
    [InlineData(9, 1)]
    [InlineData(5, 3)]
    [InlineData(4, 4)]
    [InlineData(33, 17)]
    [InlineData(128, 40)]
    public void ShouldDecodePixelExactThroughImageMagickAtEveryShape(int width, int height)
    {
        var rgba = TestImages.Pattern(width, height, width + height);

        var png = PngEncoder.Encode(rgba, width, height, 75);

        var (decoded, decodedWidth, decodedHeight) = MagickCodec.DecodeToRgba(png);
        Assert.Equal((width, height), (decodedWidth, decodedHeight));
        Assert.Equal(rgba, decoded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(22)]
    [InlineData(33)]
    [InlineData(44)]
    [InlineData(75)]
    [InlineData(95)]
    [InlineData(100)]
    public void ShouldUseTheQualitysFilterDigitAndStayExactAtEveryEffort(int quality)
    {
        var rgba = Noise(37, 23, quality);

        var file = PngFile.Parse(PngEncoder.Encode(rgba, 37, 23, quality));

        var (types, decoded) = file.Decode();
        Assert.Equal(rgba, decoded);
        if (quality % 10 < 5)
        {
            Assert.All(types, t => Assert.Equal(quality % 10, t));
        }
    }

    [Fact]
    public void ShouldPickPerRowTheFilterWithTheSmallestResidualsWhenAdaptive()
    {
        // Rows made for one filter each: flat (None wins ties), a horizontal ramp (Sub), a copy of the row above (Up).
        const int Width = 40;
        var rgba = new byte[Width * 4 * 4];
        for (var x = 0; x < Width * 4; x++)
        {
            rgba[x] = 0;
            rgba[(Width * 4) + x] = (byte)(x / 4 * 3);
            rgba[(2 * Width * 4) + x] = (byte)((x * 7919) % 251);
            rgba[(3 * Width * 4) + x] = rgba[(2 * Width * 4) + x];
        }

        var (types, decoded) = PngFile.Parse(PngEncoder.Encode(rgba, Width, 4, 75)).Decode();

        Assert.Equal(rgba, decoded);
        Assert.Equal(0, types[0]);
        Assert.Equal(1, types[1]);
        Assert.Equal(2, types[3]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ShouldFilterRowsOfEveryLengthLikeTheTextbookPredictor(byte type)
    {
        var random = new Random(type);
        foreach (var pixels in new[] { 1, 2, 4, 5, 8, 17, 500 })
        {
            var row = new byte[pixels * 4];
            var previous = new byte[pixels * 4];
            random.NextBytes(row);
            random.NextBytes(previous);
            var output = new byte[1 + row.Length];

            PngRowFilter.FilterRow(row, previous, type, output, new byte[4 * row.Length]);

            Assert.Equal(type, output[0]);
            for (var i = 0; i < row.Length; i++)
            {
                int left = i >= 4 ? row[i - 4] : 0, up = previous[i], upLeft = i >= 4 ? previous[i - 4] : 0;
                var predictor = type switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => PngFile.Paeth(left, up, upLeft) };
                Assert.True((byte)(row[i] - predictor) == output[1 + i], $"{pixels} pixels, byte {i}");
            }
        }
    }

    [Fact]
    public void ShouldChooseAdaptivelyTheFilterWithTheSmallestAbsoluteResidualSum()
    {
        var random = new Random(11);
        foreach (var pixels in new[] { 1, 3, 4, 5, 9, 300, 2100 })
        {
            // Smooth rows (where prediction pays) with noise (where it does not), so every filter gets to win.
            var row = new byte[pixels * 4];
            var previous = new byte[pixels * 4];
            for (var i = 0; i < row.Length; i++)
            {
                previous[i] = (byte)((i * random.Next(1, 4)) + random.Next(8));
                row[i] = (byte)(previous[i] + random.Next(-pixels % 7, 9));
            }

            var output = new byte[1 + row.Length];
            PngRowFilter.FilterRow(row, previous, PngRowFilter.Adaptive, output, new byte[4 * row.Length]);

            var scores = Enumerable.Range(0, 5).Select(type => Enumerable.Range(0, row.Length).Sum(i =>
            {
                int left = i >= 4 ? row[i - 4] : 0, up = previous[i], upLeft = i >= 4 ? previous[i - 4] : 0;
                var predictor = type switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => PngFile.Paeth(left, up, upLeft) };
                var residual = (byte)(row[i] - predictor);
                return residual < 128 ? residual : 256 - residual;
            })).ToArray();
            var chosen = output[0];
            Assert.Equal(Array.IndexOf(scores, scores.Min()), chosen);
            var expected = new byte[1 + row.Length];
            PngRowFilter.FilterRow(row, previous, chosen, expected, []);
            Assert.Equal(expected, output);
        }
    }

    [Fact]
    public void ShouldRoundTripFullyTransparentAndFullyOpaqueImages()
    {
        var clear = new byte[64 * 48 * 4];
        var opaque = Noise(64, 48, 3);
        for (var i = 3; i < opaque.Length; i += 4)
        {
            opaque[i] = 255;
        }

        Assert.Equal(clear, MagickCodec.DecodeToRgba(PngEncoder.Encode(clear, 64, 48, 75)).Rgba);
        Assert.Equal(opaque, MagickCodec.DecodeToRgba(PngEncoder.Encode(opaque, 64, 48, 75)).Rgba);
    }

    [Fact]
    public void ShouldWriteHeaderFingerprintDataAndEndChunksInOrderWithValidChecksums()
    {
        var png = PngFile.Parse(PngEncoder.Encode(TestImages.Pattern(20, 10, 1), 20, 10, 75, [FingerprintStamp.AsPngText(Fingerprint)]));

        Assert.Equal(["IHDR", "tEXt", "IDAT", "IEND"], png.Chunks.Select(c => c.Type));
        Assert.Equal((20, 10), (png.Width, png.Height));
        Assert.Equal("k2fp\0" + Fingerprint, System.Text.Encoding.ASCII.GetString(png.Chunks[1].Data));
        Assert.Empty(png.Chunks[3].Data);
    }

    [Fact]
    public void ShouldWriteTheGivenTextChunksVerbatimInOrderAfterTheHeader()
    {
        var png = PngFile.Parse(PngEncoder.Encode(TestImages.Pattern(6, 4, 2), 6, 4, 75, [new PngText("Title", "Gold cup"), new PngText("k2fp", "not a fingerprint")]));

        Assert.Equal(["IHDR", "tEXt", "tEXt", "IDAT", "IEND"], png.Chunks.Select(c => c.Type));
        Assert.Equal(["Title\0Gold cup", "k2fp\0not a fingerprint"], png.Chunks.Skip(1).Take(2).Select(c => System.Text.Encoding.Latin1.GetString(c.Data)));
    }

    [Fact]
    public void ShouldKeepTheFingerprintReadable()
    {
        var path = temp.Combine("stamped.png");
        File.WriteAllBytes(path, PngEncoder.Encode(TestImages.Pattern(20, 10, 1), 20, 10, 75, [FingerprintStamp.AsPngText(Fingerprint)]));
        var embeddedPath = temp.Combine("embedded.png");
        File.WriteAllBytes(embeddedPath, FingerprintStamp.Embed(PngEncoder.Encode(TestImages.Pattern(20, 10, 1), 20, 10, 75), OutputFormat.Png, Fingerprint));

        Assert.Equal(Fingerprint, FingerprintStamp.Read(path, OutputFormat.Png));
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(embeddedPath));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 7)]
    [InlineData(3, 9)]
    [InlineData(5, 30)]
    [InlineData(30, 30)]
    public void ShouldJoinBandsCompressedSeparatelyIntoTheSameImage(int bandTop, int bandBottom)
    {
        const int Width = 21, Height = 30;
        var rgba = Noise(Width, Height, bandTop + bandBottom);
        var deflater = new PngDeflater(PngSettings.FromQuality(75));
        var pieces = new List<DeflatePiece>();
        foreach (var (start, end) in new[] { (0, bandTop), (bandTop, bandBottom), (bandBottom, Height) })
        {
            if (end > start)
            {
                pieces.Add(deflater.CompressRows(rgba, Width, start, end).Detach());
            }
        }

        var png = new byte[PngEncoder.Length([], pieces.ToArray())];
        PngEncoder.Write(png, Width, Height, [], deflater.Header, pieces.ToArray());

        Assert.Equal(rgba, PngFile.Parse(png).Decode().Rgba);
        Assert.Equal(rgba, MagickCodec.DecodeToRgba(png).Rgba);
    }

    [Fact]
    public void ShouldCombineAdlerChecksumsOfAdjacentRuns()
    {
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        foreach (var split in new[] { 0, 1, 5552, 65521, 131_042, 199_999, 200_000 })
        {
            var combined = PngEncoder.CombineAdler(Adler(data.AsSpan(0, split)), Adler(data.AsSpan(split)), data.Length - split);

            Assert.Equal(Adler(data), combined);
        }
    }

    [Fact]
    public void ShouldRefuseBuffersOfTheWrongSize()
    {
        var error = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, 75));

        Assert.Contains("expected 16 bytes", error.Message, StringComparison.Ordinal);
    }

    private static uint Adler(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    [Theory]
    [InlineData(75, OutputEffort.Fast, 16)]
    [InlineData(75, OutputEffort.Default, 16)]
    [InlineData(75, OutputEffort.Default, 0)]
    [InlineData(75, OutputEffort.Max, 16)]
    [InlineData(95, OutputEffort.Max, 0)]
    [InlineData(72, OutputEffort.Max, 16)]
    [InlineData(5, OutputEffort.Default, 0)]
    public void ShouldStayPixelExactAtEveryOutputEffortOnSmoothAndNoisyRows(int quality, OutputEffort effort, int noisyRows)
    {
        // A soft vertical gradient with transparent pixels (alone, a smooth band: filter trials run) above rows of noise.
        const int Width = 64, Height = 48;
        var rgba = Noise(Width, Height, quality);
        for (var i = 0; i < Width * (Height - noisyRows) * 4; i += 4)
        {
            var y = i / (Width * 4);
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = ((byte)(100 + y), (byte)(50 + (y / 2)), 200, (byte)(i % 64 == 0 ? 0 : 128 + y));
        }

        var file = PngFile.Parse(PngEncoder.Encode(rgba, Width, Height, quality, effort: effort));

        var (types, decoded) = file.Decode();
        Assert.Equal(rgba, decoded);
        Assert.Equal(rgba, MagickCodec.DecodeToRgba(PngEncoder.Encode(rgba, Width, Height, quality, effort: effort)).Rgba);
        if (quality % 10 < 5)
        {
            Assert.All(types, t => Assert.Equal(quality % 10, t));
        }
    }

    [Fact]
    public void ShouldPlanBandsByEffortAndSmoothness()
    {
        const int Raw = 100_000;
        var smooth = (Residuals: 20_000L, NonZero: 10_000);      // 2 per non-zero byte
        var textured = (Residuals: 400_000L, NonZero: 50_000);   // 8 per non-zero byte

        var fast = PngSettings.FromQuality(75, OutputEffort.Fast).PlanFor(smooth.Residuals, smooth.NonZero, Raw, reused: true);
        var smoothBand = PngSettings.FromQuality(75).PlanFor(smooth.Residuals, smooth.NonZero, Raw, reused: false);
        var smoothReused = PngSettings.FromQuality(75).PlanFor(smooth.Residuals, smooth.NonZero, Raw, reused: true);
        var texturedBand = PngSettings.FromQuality(75).PlanFor(textured.Residuals, textured.NonZero, Raw, reused: false);
        var max = PngSettings.FromQuality(75, OutputEffort.Max).PlanFor(textured.Residuals, textured.NonZero, Raw, reused: false);
        var maxFixedFilter = PngSettings.FromQuality(72, OutputEffort.Max).PlanFor(0, textured.NonZero, Raw, reused: false);

        Assert.Equal((4, 0), (fast.Level, fast.Trials.Length));
        Assert.Equal(5, smoothBand.Level);
        Assert.Equal([PngRowFilter.Sub, PngRowFilter.Up], smoothBand.Trials);
        Assert.Equal(6, smoothReused.Level);
        Assert.Equal((4, 0), (texturedBand.Level, texturedBand.Trials.Length));
        Assert.Equal((9, 4), (max.Level, max.Trials.Length));
        Assert.Equal((9, 0), (maxFixedFilter.Level, maxFixedFilter.Trials.Length));
    }

    private static byte[] Noise(int width, int height, int seed)
    {
        var rgba = new byte[width * height * 4];
        new Random(seed).NextBytes(rgba);
        return rgba;
    }
}
