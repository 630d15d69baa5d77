using System.Buffers.Binary;
using K2Orleans.SampleGenerator.Png;
using K2Orleans.SampleGenerator.Tests.Support;

namespace K2Orleans.SampleGenerator.Tests.PngEncoderTests;

public sealed class TheEncodeMethod
{
    [Fact]
    public void ShouldRoundTripEveryPixelThroughImageMagick()
    {
        const int width = 7, height = 5;
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            // Varied rows exercise every filter type; alpha covers clear, partial and opaque pixels.
            var alpha = (byte)(i % 3 == 0 ? 0 : i % 3 == 1 ? 37 * i : 255);
            if (alpha != 0)
            {
                rgba[(i * 4) + 0] = (byte)(i * 31);
                rgba[(i * 4) + 1] = (byte)(255 - (i * 7));
                rgba[(i * 4) + 2] = (byte)(i * i);
            }

            rgba[(i * 4) + 3] = alpha;
        }

        var decoded = DecodedImage.Read(PngEncoder.Encode(width, height, rgba));

        Assert.Equal(width, decoded.Width);
        Assert.Equal(height, decoded.Height);
        Assert.Equal(rgba, decoded.Rgba);
    }

    [Fact]
    public void ShouldWriteAnRgbaHeaderAndEndChunk()
    {
        var png = PngEncoder.Encode(3, 2, new byte[3 * 2 * 4]);

        Assert.Equal(new PngHeader(3, 2, 8, 6), PngHeader.TryRead(png));
        var end = png.AsSpan(png.Length - 12);
        Assert.Equal(0, BinaryPrimitives.ReadInt32BigEndian(end));
        Assert.Equal("IEND"u8.ToArray(), end.Slice(4, 4).ToArray());
        Assert.Equal(0xAE426082u, BinaryPrimitives.ReadUInt32BigEndian(end[8..]));
    }

    [Fact]
    public void ShouldRefuseABufferOfTheWrongSize()
    {
        var error = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, new byte[15]));

        Assert.Contains("16", error.Message, StringComparison.Ordinal);
    }
}
