using System.Collections.Concurrent;
using K2Orleans.Grains.Rendering.Png;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>
/// The working memory of one range's render for one canvas size: the lower slots' float composite, its 8-bit
/// conversion, the image being built and the PNG band encoder (or, on request, a deflater and the file's bytes). Megabytes each, so finished ranges hand them to the
/// next instead of leaving them to the large object heap.
/// </summary>
internal sealed class RenderBuffers
{
    private PngBandEncoder? png;
    private PngDeflater? deflater;
    private byte[] output = [];

    private RenderBuffers(int width, int height)
    {
        (Width, Height) = (width, height);
        var bytes = width * height * 4;
        PrefixCanvas = new float[bytes];
        PrefixRgba = new byte[bytes];
        Rgba = new byte[bytes];
    }

    public int Width { get; }

    public int Height { get; }

    public float[] PrefixCanvas { get; }

    public byte[] PrefixRgba { get; }

    public byte[] Rgba { get; }

    /// <summary>A spare set for the canvas from <paramref name="spare"/>, or a new one; give it back with <c>spare.Add</c>.</summary>
    public static RenderBuffers Rent(ConcurrentBag<RenderBuffers> spare, CanvasSpec canvas)
    {
        // A set for another canvas size is dropped: the bag then holds what current jobs use.
        while (spare.TryTake(out var buffers))
        {
            if (buffers.Width == canvas.Width && buffers.Height == canvas.Height)
            {
                return buffers;
            }
        }

        return new RenderBuffers(canvas.Width, canvas.Height);
    }

    /// <summary>A deflater for the on-request renderer's strips (<see cref="StripRenderer"/>).</summary>
    public PngDeflater Deflater(PngSettings settings)
    {
        if (deflater is null || deflater.Settings != settings)
        {
            deflater = new PngDeflater(settings);
        }

        return deflater;
    }

    /// <summary>A reusable buffer of at least <paramref name="length"/> bytes for a whole encoded file.</summary>
    public byte[] Output(int length)
    {
        if (output.Length < length)
        {
            output = new byte[length + (length / 8)];
        }

        return output;
    }

    public PngBandEncoder Png(PngSettings settings, DeflatePieceCache pieces)
    {
        if (png is null || png.Settings != settings)
        {
            png = new PngBandEncoder(Width, Height, settings, pieces);
        }

        return png;
    }
}
