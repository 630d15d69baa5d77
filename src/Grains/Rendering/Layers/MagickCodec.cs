using ImageMagick;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>
/// The only ImageMagick code of the project: decoding layers, encoding and resizing outputs, and the process-wide
/// resource limits. Every image it creates is disposed here; callers see plain pixel arrays and bytes.
/// </summary>
public static class MagickCodec
{
    private static readonly Lock ConfigureLock = new();
    private static bool configured;

    /// <summary>Sets ImageMagick's process-wide limits once; later calls keep the first values.</summary>
    public static void Configure(RenderingOptions options)
    {
        lock (ConfigureLock)
        {
            if (configured)
            {
                return;
            }

            ResourceLimits.Thread = (ulong)options.ThreadsPerRender;
            ResourceLimits.Memory = (ulong)options.MagickMemoryMegabytes * 1024 * 1024;
            ResourceLimits.Width = (ulong)options.MaxLayerSide;
            ResourceLimits.Height = (ulong)options.MaxLayerSide;
            ResourceLimits.Area = (ulong)options.MaxLayerPixels;
            configured = true;
        }
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the bytes start with PNG's signature: layers are PNG, whatever a file's name says.</summary>
    public static bool IsPng(ReadOnlySpan<byte> file) => file.StartsWith(PngSignature);

    /// <summary>Checks a layer's header against the limits, then decodes it; throws <see cref="LayerUnavailableException"/>.</summary>
    public static DecodedLayer Decode(byte[] file, string imagePath, RenderingOptions limits)
    {
        if (!IsPng(file))
        {
            throw new LayerUnavailableException(imagePath, "cannot be decoded: it is not a PNG file");
        }

        // The decoder is pinned to PNG: ImageMagick would otherwise pick one from the content (SVG, MVG, text...).
        var settings = new MagickReadSettings { Format = MagickFormat.Png };
        try
        {
            var info = new MagickImageInfo(file, settings);
            if (info.Width > limits.MaxLayerSide || info.Height > limits.MaxLayerSide
                || (long)info.Width * info.Height > limits.MaxLayerPixels)
            {
                throw new LayerUnavailableException(imagePath,
                    $"is {info.Width}x{info.Height}, over the limit of {limits.MaxLayerSide} per side and {limits.MaxLayerPixels} pixels");
            }

            using var image = new MagickImage(file, settings);
            image.ColorSpace = ColorSpace.sRGB;
            using var pixels = image.GetPixelsUnsafe();
            var rgba = pixels.ToByteArray(PixelMapping.RGBA)
                ?? throw new LayerUnavailableException(imagePath, "gave no pixels");
            return new DecodedLayer((int)image.Width, (int)image.Height, Premultiply(rgba));
        }
        catch (MagickException e)
        {
            throw new LayerUnavailableException(imagePath, $"cannot be decoded: {FirstLine(e.Message)}");
        }
    }

    /// <summary>Encodes straight-alpha RGBA; JPEG has no alpha, so transparent areas come out white. PNG is the project's own encoder.</summary>
    public static byte[] Encode(byte[] rgba, int width, int height, OutputFormat format, int quality, OutputEffort effort = OutputEffort.Default)
    {
        if (format == OutputFormat.Png)
        {
            return PngEncoder.Encode(rgba, width, height, quality, effort: effort);
        }

        using var image = FromRgba(rgba, width, height);
        return Encode(image, format, quality);
    }

    /// <summary>Downscales to <paramref name="targetWidth"/> (height keeps the aspect ratio) and encodes.</summary>
    public static byte[] EncodeResized(byte[] rgba, int width, int height, int targetWidth, OutputFormat format, int quality, OutputEffort effort = OutputEffort.Default)
    {
        using var image = FromRgba(rgba, width, height);
        var targetHeight = Math.Max(1, (int)Math.Round((double)height * targetWidth / width));
        image.Resize(new MagickGeometry((uint)targetWidth, (uint)targetHeight) { IgnoreAspectRatio = true });
        if (format == OutputFormat.Png)
        {
            using var pixels = image.GetPixelsUnsafe();
            return PngEncoder.Encode(pixels.ToByteArray(PixelMapping.RGBA), (int)image.Width, (int)image.Height, quality, effort: effort);
        }

        return Encode(image, format, quality);
    }

    /// <summary>Decodes any supported image to straight RGBA bytes (for checks and tests).</summary>
    public static (byte[] Rgba, int Width, int Height) DecodeToRgba(byte[] file)
    {
        using var image = new MagickImage(file);
        using var pixels = image.GetPixelsUnsafe();
        return (pixels.ToByteArray(PixelMapping.RGBA)!, (int)image.Width, (int)image.Height);
    }

    private static MagickImage FromRgba(byte[] rgba, int width, int height) =>
        new(rgba, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGBA));

    private static byte[] Encode(MagickImage image, OutputFormat format, int quality)
    {
        image.Quality = (uint)quality;
        switch (format)
        {
            case OutputFormat.Jpg:
                image.BackgroundColor = MagickColors.White;
                image.Alpha(AlphaAction.Remove);
                return image.ToByteArray(MagickFormat.Jpeg);
            default:
                return image.ToByteArray(MagickFormat.WebP);
        }
    }

    private static float[] Premultiply(byte[] rgba)
    {
        const float Scale = 1f / 255f;
        var result = new float[rgba.Length];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var alpha = rgba[i + 3] * Scale;
            result[i] = rgba[i] * Scale * alpha;
            result[i + 1] = rgba[i + 1] * Scale * alpha;
            result[i + 2] = rgba[i + 2] * Scale * alpha;
            result[i + 3] = alpha;
        }

        return result;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
