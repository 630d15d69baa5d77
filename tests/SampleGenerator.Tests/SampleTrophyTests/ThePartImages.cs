using K2Orleans.SampleGenerator.Tests.Support;

namespace K2Orleans.SampleGenerator.Tests.SampleTrophyTests;

/// <summary>Every image the generator writes (samples and bench) must look like a cut-out product photo.</summary>
[Collection(GeneratedCollection.Name)]
public sealed class ThePartImages(GeneratedTrophies generated)
{
    [Fact]
    public void ShouldBeTexturedRgbaWithTransparentSurroundingsAndSoftEdges()
    {
        var images = Directory.EnumerateFiles(generated.Samples, "*.png", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(generated.Bench, "*.png", SearchOption.AllDirectories))
            .ToList();
        Assert.True(images.Count >= 60, $"only {images.Count} images");

        var problems = images.SelectMany(path => Problems(path).Select(p => $"{Path.GetRelativePath(generated.Samples + "/..", path)}: {p}")).ToList();

        Assert.Empty(problems);
    }

    private static IEnumerable<string> Problems(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var header = PngHeader.TryRead(bytes);
        if (header is null)
        {
            yield return "no PNG signature and IHDR";
            yield break;
        }

        if (header.BitDepth != 8 || header.ColourType != 6)
        {
            yield return $"bit depth {header.BitDepth}, colour type {header.ColourType}; want 8-bit RGBA (6)";
        }

        var image = DecodedImage.Read(bytes);
        if (image.Width != header.Width || image.Height != header.Height)
        {
            yield return $"decodes as {image.Width}x{image.Height}, IHDR says {header.Width}x{header.Height}";
        }

        int clear = 0, partial = 0, opaque = 0;
        var colours = new HashSet<int>();
        for (var i = 0; i < image.Rgba.Length; i += 4)
        {
            var alpha = image.Rgba[i + 3];
            if (alpha == 0)
            {
                clear++;
                continue;
            }

            if (alpha == 255)
            {
                opaque++;
            }
            else
            {
                partial++;
            }

            colours.Add((image.Rgba[i] << 16) | (image.Rgba[i + 1] << 8) | image.Rgba[i + 2]);
        }

        if (clear == 0)
        {
            yield return "no transparent pixels around the part";
        }

        if (partial == 0)
        {
            yield return "no partially transparent (anti-aliased) pixels";
        }

        if (opaque == 0)
        {
            yield return "no opaque pixels";
        }

        // Flat colour gives a handful of colours; shading and texture give many (grey parts max out at 256).
        var wanted = Math.Min(128, (opaque + partial) / 8);
        if (colours.Count < wanted)
        {
            yield return $"{colours.Count} distinct colours in {opaque + partial} visible pixels; want at least {wanted}";
        }

        // Grain: most opaque pixels differ from their right-hand neighbour; in flat fills almost none do.
        var (pairs, differing) = NeighbourChanges(image);
        if (differing * 2 < pairs)
        {
            yield return $"only {differing} of {pairs} neighbouring opaque pixels differ; the surface looks flat";
        }
    }

    private static (int Pairs, int Differing) NeighbourChanges(DecodedImage image)
    {
        int pairs = 0, differing = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x + 1 < image.Width; x++)
            {
                var i = ((y * image.Width) + x) * 4;
                if (image.Rgba[i + 3] != 255 || image.Rgba[i + 7] != 255)
                {
                    continue;
                }

                pairs++;
                if (image.Rgba[i] != image.Rgba[i + 4] || image.Rgba[i + 1] != image.Rgba[i + 5] || image.Rgba[i + 2] != image.Rgba[i + 6])
                {
                    differing++;
                }
            }
        }

        return (pairs, differing);
    }
}
