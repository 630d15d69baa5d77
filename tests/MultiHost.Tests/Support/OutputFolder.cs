using ImageMagick;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>What the silos left in the shared output folder of one trophy.</summary>
public static class OutputFolder
{
    /// <summary>Asserts exactly <paramref name="expected"/> complete images: each decodes at the canvas size, no temp file remains.</summary>
    public static void AssertComplete(string folder, int expected, int width, int height)
    {
        var images = Directory.GetFiles(folder, "*.png");
        Assert.Equal(expected, images.Length);
        Assert.Empty(Directory.GetFiles(folder, "*.k2tmp"));
        foreach (var path in images)
        {
            using var image = new MagickImage(path);
            Assert.True(image.Width == width && image.Height == height, $"{path} is {image.Width}x{image.Height}");
        }
    }

    public static Dictionary<string, DateTime> WriteTimes(string folder) =>
        Directory.GetFiles(folder, "*.png").ToDictionary(f => f, File.GetLastWriteTimeUtc);

    /// <summary>Images of <paramref name="before"/> written again since.</summary>
    public static int Rewritten(IReadOnlyDictionary<string, DateTime> before) =>
        before.Count(pair => File.GetLastWriteTimeUtc(pair.Key) != pair.Value);
}
