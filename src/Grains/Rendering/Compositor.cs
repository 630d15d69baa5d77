namespace K2Orleans.Grains.Rendering;

/// <summary>
/// Porter-Duff "over" on premultiplied float pixels, clipped to the canvas. Pure arithmetic: no ImageMagick, no I/O.
/// Stacks stay in floats until the final conversion, so rounding happens once per pixel, not once per layer.
/// </summary>
public static class Compositor
{
    /// <summary>Fills a canvas buffer with a straight 0xRRGGBBAA colour.</summary>
    public static void Fill(float[] canvas, uint backgroundRgba)
    {
        var alpha = (backgroundRgba & 0xFF) / 255f;
        var r = ((backgroundRgba >> 24) & 0xFF) / 255f * alpha;
        var g = ((backgroundRgba >> 16) & 0xFF) / 255f * alpha;
        var b = ((backgroundRgba >> 8) & 0xFF) / 255f * alpha;
        for (var i = 0; i < canvas.Length; i += 4)
        {
            canvas[i] = r;
            canvas[i + 1] = g;
            canvas[i + 2] = b;
            canvas[i + 3] = alpha;
        }
    }

    /// <summary>Draws <paramref name="layer"/> over the canvas with its top-left at (x, y), multiplied by an optional 0xRRGGBB tint.</summary>
    public static void Over(float[] canvas, int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y, uint? tint)
    {
        var clip = Clip(canvasWidth, canvasHeight, layer, x, y);
        var (tr, tg, tb) = TintFactors(tint);
        var source = layer.Pixels;
        for (var row = clip.Top; row < clip.Bottom; row++)
        {
            var c = ((row * canvasWidth) + clip.Left) * 4;
            var s = (((row - y) * layer.Width) + (clip.Left - x)) * 4;
            for (var col = clip.Left; col < clip.Right; col++, c += 4, s += 4)
            {
                var sa = source[s + 3];
                if (sa <= 0f)
                {
                    continue;
                }

                var keep = 1f - sa;
                canvas[c] = (source[s] * tr) + (canvas[c] * keep);
                canvas[c + 1] = (source[s + 1] * tg) + (canvas[c + 1] * keep);
                canvas[c + 2] = (source[s + 2] * tb) + (canvas[c + 2] * keep);
                canvas[c + 3] = sa + (canvas[c + 3] * keep);
            }
        }
    }

    /// <summary>Converts a premultiplied canvas to straight 8-bit RGBA.</summary>
    public static void ToRgba(float[] canvas, byte[] rgba)
    {
        for (var i = 0; i < canvas.Length; i += 4)
        {
            Store(canvas[i], canvas[i + 1], canvas[i + 2], canvas[i + 3], rgba, i);
        }
    }

    /// <summary>
    /// Writes base-plus-layer into <paramref name="rgba"/>, touching only the layer's clipped rectangle: outside it,
    /// <paramref name="rgba"/> must already hold <paramref name="baseCanvas"/> converted. This is what lets the lower
    /// slots be composited once while the top slot varies.
    /// </summary>
    public static void OverInto(float[] baseCanvas, int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y, uint? tint, byte[] rgba)
    {
        var clip = Clip(canvasWidth, canvasHeight, layer, x, y);
        var (tr, tg, tb) = TintFactors(tint);
        var source = layer.Pixels;
        for (var row = clip.Top; row < clip.Bottom; row++)
        {
            var c = ((row * canvasWidth) + clip.Left) * 4;
            var s = (((row - y) * layer.Width) + (clip.Left - x)) * 4;
            for (var col = clip.Left; col < clip.Right; col++, c += 4, s += 4)
            {
                var sa = source[s + 3];
                if (sa <= 0f)
                {
                    continue;
                }

                var keep = 1f - sa;
                Store(
                    (source[s] * tr) + (baseCanvas[c] * keep),
                    (source[s + 1] * tg) + (baseCanvas[c + 1] * keep),
                    (source[s + 2] * tb) + (baseCanvas[c + 2] * keep),
                    sa + (baseCanvas[c + 3] * keep),
                    rgba,
                    c);
            }
        }
    }

    private static void Store(float r, float g, float b, float a, byte[] rgba, int i)
    {
        if (a <= 0f)
        {
            rgba[i] = rgba[i + 1] = rgba[i + 2] = rgba[i + 3] = 0;
            return;
        }

        var unpremultiply = 255f / a;
        rgba[i] = ToByte(r * unpremultiply);
        rgba[i + 1] = ToByte(g * unpremultiply);
        rgba[i + 2] = ToByte(b * unpremultiply);
        rgba[i + 3] = ToByte(a * 255f);
    }

    private static byte ToByte(float value) => value >= 255f ? (byte)255 : value <= 0f ? (byte)0 : (byte)(value + 0.5f);

    private static (float R, float G, float B) TintFactors(uint? tint) => tint is { } t
        ? (((t >> 16) & 0xFF) / 255f, ((t >> 8) & 0xFF) / 255f, (t & 0xFF) / 255f)
        : (1f, 1f, 1f);

    private static (int Left, int Top, int Right, int Bottom) Clip(int canvasWidth, int canvasHeight, DecodedLayer layer, int x, int y) =>
        (Math.Max(0, x), Math.Max(0, y), Math.Min(canvasWidth, x + layer.Width), Math.Min(canvasHeight, y + layer.Height));
}
