using ImageMagick;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>A PNG decoded by ImageMagick (System.Drawing is not available on Linux) into straight RGBA bytes.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgba)
{
    public static DecodedImage Read(string path) => Read(File.ReadAllBytes(path));

    public static DecodedImage Read(byte[] png)
    {
        using var image = new MagickImage(png, MagickFormat.Png);
        using var pixels = image.GetPixels();
        var rgba = pixels.ToByteArray(PixelMapping.RGBA)
            ?? throw new InvalidOperationException("ImageMagick returned no pixels.");
        return new DecodedImage((int)image.Width, (int)image.Height, rgba);
    }
}
