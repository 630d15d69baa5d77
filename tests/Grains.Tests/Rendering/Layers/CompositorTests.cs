using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Tests.Rendering.Layers;

/// <summary>
/// The vectorised compositor against the same formulas written one channel at a time in floats: results must be
/// bit for bit equal, so outputs do not change with the instruction set.
/// </summary>
public sealed class CompositorTests
{
    private const int Width = 23;
    private const int Height = 17;

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(-4, 3, 0xD4AF37u)]
    [InlineData(9, -6, 0x102030u)]
    [InlineData(15, 12, null)]
    public void ShouldMatchChannelByChannelFloatsExactly(int x, int y, uint? tint)
    {
        var random = new Random(x * 31 + y);
        var lower = Layer(random, 19, 11);
        var top = Layer(random, 12, 9);
        var canvas = new float[Width * Height * 4];
        var expectedCanvas = new float[canvas.Length];
        Compositor.Fill(canvas, 0x33669980);
        ScalarFill(expectedCanvas, 0x33669980);
        Compositor.Over(canvas, Width, Height, lower, x, y, tint);
        ScalarOver(expectedCanvas, lower, x, y, tint);
        Assert.Equal(expectedCanvas, canvas);

        var rgba = new byte[canvas.Length];
        Compositor.ToRgba(canvas, rgba);
        var expected = ScalarToRgba(expectedCanvas);
        Assert.Equal(expected, rgba);

        Compositor.OverInto(canvas, Width, Height, top, y, x, tint, rgba);
        ScalarOver(expectedCanvas, top, y, x, tint);
        Assert.Equal(ScalarToRgba(expectedCanvas), rgba);
    }

    [Fact]
    public void ShouldWriteZerosWhereTheResultIsFullyTransparent()
    {
        var canvas = new float[Width * Height * 4];
        var rgba = Enumerable.Repeat((byte)7, canvas.Length).ToArray();
        Compositor.Fill(canvas, 0x11223300);

        Compositor.ToRgba(canvas, rgba);

        Assert.All(rgba, b => Assert.Equal(0, b));
    }

    private static DecodedLayer Layer(Random random, int width, int height)
    {
        var pixels = new float[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // Opaque, clear and partial alpha, colours premultiplied as decoding does.
            var alpha = (i / 4 % 3) switch { 0 => 0f, 1 => 1f, _ => random.Next(1, 255) / 255f };
            for (var c = 0; c < 3; c++)
            {
                pixels[i + c] = random.Next(256) / 255f * alpha;
            }

            pixels[i + 3] = alpha;
        }

        return new DecodedLayer(width, height, pixels);
    }

    private static void ScalarFill(float[] canvas, uint rgba)
    {
        var alpha = (rgba & 0xFF) / 255f;
        for (var i = 0; i < canvas.Length; i += 4)
        {
            canvas[i] = ((rgba >> 24) & 0xFF) / 255f * alpha;
            canvas[i + 1] = ((rgba >> 16) & 0xFF) / 255f * alpha;
            canvas[i + 2] = ((rgba >> 8) & 0xFF) / 255f * alpha;
            canvas[i + 3] = alpha;
        }
    }

    private static void ScalarOver(float[] canvas, DecodedLayer layer, int x, int y, uint? tint)
    {
        float tr = 1f, tg = 1f, tb = 1f;
        if (tint is { } t)
        {
            (tr, tg, tb) = (((t >> 16) & 0xFF) / 255f, ((t >> 8) & 0xFF) / 255f, (t & 0xFF) / 255f);
        }

        for (var ly = 0; ly < layer.Height; ly++)
        {
            for (var lx = 0; lx < layer.Width; lx++)
            {
                int cx = x + lx, cy = y + ly;
                var s = ((ly * layer.Width) + lx) * 4;
                var sa = layer.Pixels[s + 3];
                if (cx < 0 || cy < 0 || cx >= Width || cy >= Height || sa <= 0f)
                {
                    continue;
                }

                var c = ((cy * Width) + cx) * 4;
                var keep = 1f - sa;
                canvas[c] = (layer.Pixels[s] * tr) + (canvas[c] * keep);
                canvas[c + 1] = (layer.Pixels[s + 1] * tg) + (canvas[c + 1] * keep);
                canvas[c + 2] = (layer.Pixels[s + 2] * tb) + (canvas[c + 2] * keep);
                canvas[c + 3] = (sa * 1f) + (canvas[c + 3] * keep);
            }
        }
    }

    private static byte[] ScalarToRgba(float[] canvas)
    {
        var rgba = new byte[canvas.Length];
        for (var i = 0; i < canvas.Length; i += 4)
        {
            var a = canvas[i + 3];
            if (a <= 0f)
            {
                continue;
            }

            var unpremultiply = 255f / a;
            rgba[i] = ToByte(canvas[i] * unpremultiply);
            rgba[i + 1] = ToByte(canvas[i + 1] * unpremultiply);
            rgba[i + 2] = ToByte(canvas[i + 2] * unpremultiply);
            rgba[i + 3] = ToByte(a * 255f);
        }

        return rgba;
    }

    private static byte ToByte(float value) => value >= 255f ? (byte)255 : value <= 0f ? (byte)0 : (byte)(value + 0.5f);
}
