using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>
/// Porter-Duff "over" on premultiplied float pixels, clipped to the canvas. Pure arithmetic: no ImageMagick, no I/O.
/// Stacks stay in floats until the final conversion, so rounding happens once per pixel, not once per layer.
/// </summary>
/// <remarks>
/// A pixel's four channels are one <see cref="Vector128{T}"/>: the same multiplies and adds as channel-by-channel code
/// (no fused multiply-add), so results are bit for bit those of the scalar formulas in the comments. The loops are
/// compiled fully optimised from the first call, since a job's first images would otherwise run unoptimised code.
/// </remarks>
public static class Compositor
{
    /// <summary>Fills a canvas buffer with a straight 0xRRGGBBAA colour.</summary>
    public static void Fill(Span<float> canvas, uint backgroundRgba)
    {
        var alpha = (backgroundRgba & 0xFF) / 255f;
        var pixel = Vector128.Create(
            ((backgroundRgba >> 24) & 0xFF) / 255f * alpha,
            ((backgroundRgba >> 16) & 0xFF) / 255f * alpha,
            ((backgroundRgba >> 8) & 0xFF) / 255f * alpha,
            alpha);
        MemoryMarshal.Cast<float, Vector128<float>>(canvas).Fill(pixel);
    }

    /// <summary>Draws <paramref name="layer"/> over the canvas with its top-left at (x, y), multiplied by an optional 0xRRGGBB tint.</summary>
    public static void Over(Span<float> canvas, int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y, uint? tint) =>
        Over(canvas, canvasWidth, canvasHeight, layer, x, y, tint, 0, canvasHeight);

    /// <summary>
    /// <see cref="Over(Span{float}, int, int, DecodedLayer, int, int, uint?)"/> within canvas rows
    /// [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) only: each pixel gets the same arithmetic as in a whole
    /// draw, so a canvas built a band at a time holds the same floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Over(Span<float> canvas, int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y, uint? tint, int rowStart, int rowEnd)
    {
        var clip = Clip(canvasWidth, canvasHeight, layer, x, y);
        clip = (clip.Left, Math.Max(clip.Top, rowStart), clip.Right, Math.Min(clip.Bottom, rowEnd));
        var tintFactors = TintFactors(tint);
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(canvas);
        var source = MemoryMarshal.Cast<float, Vector128<float>>(layer.Pixels.AsSpan());
        for (var row = clip.Top; row < clip.Bottom; row++)
        {
            var c = (row * canvasWidth) + clip.Left;
            var s = ((row - y) * layer.Width) + (clip.Left - x);
            for (var col = clip.Left; col < clip.Right; col++, c++, s++)
            {
                var sourcePixel = source[s];
                var sa = sourcePixel.GetElement(3);
                if (sa <= 0f)
                {
                    continue;
                }

                // colour = source * tint + canvas * (1 - source alpha); alpha = source alpha + canvas alpha * (1 - source alpha)
                pixels[c] = (sourcePixel * tintFactors) + (pixels[c] * Vector128.Create(1f - sa));
            }
        }
    }

    /// <summary>Converts a premultiplied canvas to straight 8-bit RGBA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToRgba(ReadOnlySpan<float> canvas, Span<byte> rgba)
    {
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(canvas);
        ref var output = ref MemoryMarshal.GetReference(rgba);
        if (rgba.Length < pixels.Length * 4)
        {
            throw new ArgumentException($"rgba holds {rgba.Length} bytes, the canvas {pixels.Length} pixels", nameof(rgba));
        }

        for (var i = 0; i < pixels.Length; i++)
        {
            Store(pixels[i], ref output, i * 4);
        }
    }

    /// <summary>
    /// Writes base-plus-layer into <paramref name="rgba"/>, touching only the layer's clipped rectangle: outside it,
    /// <paramref name="rgba"/> must already hold <paramref name="baseCanvas"/> converted. This is what lets the lower
    /// slots be composited once while the top slot varies.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OverInto(ReadOnlySpan<float> baseCanvas, int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y, uint? tint, Span<byte> rgba)
    {
        var clip = Clip(canvasWidth, canvasHeight, layer, x, y);
        var tintFactors = TintFactors(tint);
        var pixels = MemoryMarshal.Cast<float, Vector128<float>>(baseCanvas);
        var source = MemoryMarshal.Cast<float, Vector128<float>>(layer.Pixels.AsSpan());
        if (rgba.Length < pixels.Length * 4)
        {
            throw new ArgumentException($"rgba holds {rgba.Length} bytes, the canvas {pixels.Length} pixels", nameof(rgba));
        }

        ref var output = ref MemoryMarshal.GetReference(rgba);
        for (var row = clip.Top; row < clip.Bottom; row++)
        {
            var c = (row * canvasWidth) + clip.Left;
            var s = ((row - y) * layer.Width) + (clip.Left - x);
            for (var col = clip.Left; col < clip.Right; col++, c++, s++)
            {
                var sourcePixel = source[s];
                var sa = sourcePixel.GetElement(3);
                if (sa <= 0f)
                {
                    continue;
                }

                Store((sourcePixel * tintFactors) + (pixels[c] * Vector128.Create(1f - sa)), ref output, c * 4);
            }
        }
    }

    /// <summary>
    /// Un-premultiplies one pixel to bytes: colour * 255 / alpha and alpha * 255, each clamped to 0..255 and rounded
    /// half up; a fully transparent pixel is all zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<float> pixel, ref byte rgba, int i)
    {
        var a = pixel.GetElement(3);
        if (a <= 0f)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref rgba, i), 0u);
            return;
        }

        var unpremultiply = 255f / a;
        var scaled = pixel * Vector128.Create(unpremultiply, unpremultiply, unpremultiply, 255f);
        var rounded = Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(scaled, Vector128<float>.Zero), Vector128.Create(255f)) + Vector128.Create(0.5f));
        var bytes = Vector128.Narrow(Vector128.Narrow(rounded, rounded), Vector128<short>.Zero);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref rgba, i), bytes.AsUInt32().ToScalar());
    }

    private static Vector128<float> TintFactors(uint? tint) => tint is { } t
        ? Vector128.Create(((t >> 16) & 0xFF) / 255f, ((t >> 8) & 0xFF) / 255f, (t & 0xFF) / 255f, 1f)
        : Vector128<float>.One;

    private static (int Left, int Top, int Right, int Bottom) Clip(int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y) =>
        (Math.Max(0, x), Math.Max(0, y), Math.Min(canvasWidth, x + layer.Width), Math.Min(canvasHeight, y + layer.Height));
}
