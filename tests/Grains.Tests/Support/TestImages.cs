using ImageMagick;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>Tiny layer images with known pixels, written as real PNG files.</summary>
public static class TestImages
{
    /// <summary>Writes straight RGBA <paramref name="rgba"/> (width*height*4 bytes) as a PNG.</summary>
    public static void WritePng(string path, int width, int height, byte[] rgba)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var image = new MagickImage(rgba, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGBA));
        image.Settings.SetDefine(MagickFormat.Png, "color-type", "6");
        image.Write(path, MagickFormat.Png);
    }

    /// <summary>A layer whose every pixel differs: colour ramps plus an alpha pattern with opaque, clear and partial values.</summary>
    public static byte[] Pattern(int width, int height, int seed)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                rgba[i] = (byte)((x * 37) + (seed * 11));
                rgba[i + 1] = (byte)((y * 53) + (seed * 29));
                rgba[i + 2] = (byte)((x * y) + (seed * 7));
                rgba[i + 3] = ((x + y + seed) % 5) switch
                {
                    0 => 0,
                    1 => 255,
                    _ => (byte)(((x * 31) + (y * 17) + (seed * 13)) % 256),
                };
            }
        }

        return rgba;
    }

    public static (byte[] Rgba, int Width, int Height) Read(string path)
    {
        using var image = new MagickImage(path);
        using var pixels = image.GetPixelsUnsafe();
        return (pixels.ToByteArray(PixelMapping.RGBA)!, (int)image.Width, (int)image.Height);
    }
}
