namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>
/// A part image being drawn: premultiplied RGBA in doubles, so painting one shape over another with
/// partial coverage composes exactly; converted to straight 8-bit RGBA only once at the end.
/// </summary>
internal sealed class Layer
{
    private readonly double[] premultiplied;

    public Layer(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        premultiplied = new double[width * height * 4];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// Composites the shader over the layer wherever the shape covers a pixel. A softness of 1 is a one-pixel
    /// anti-aliased edge; larger values blur the edge over that many pixels (shadows, glows).
    /// </summary>
    public void Paint(Shape shape, Shader shader, double softness = 1)
    {
        for (var row = 0; row < Height; row++)
        {
            var y = row + 0.5;
            for (var column = 0; column < Width; column++)
            {
                var x = column + 0.5;
                var coverage = Coverage(shape(x, y), softness);
                if (coverage <= 0)
                {
                    continue;
                }

                var colour = shader(x, y);
                var alpha = Scalar.Clamp01(colour.Alpha) * coverage;
                if (alpha <= 0)
                {
                    continue;
                }

                var i = ((row * Width) + column) * 4;
                var keep = 1 - alpha;
                premultiplied[i] = (Scalar.Clamp01(colour.Color.R) * alpha) + (premultiplied[i] * keep);
                premultiplied[i + 1] = (Scalar.Clamp01(colour.Color.G) * alpha) + (premultiplied[i + 1] * keep);
                premultiplied[i + 2] = (Scalar.Clamp01(colour.Color.B) * alpha) + (premultiplied[i + 2] * keep);
                premultiplied[i + 3] = alpha + (premultiplied[i + 3] * keep);
            }
        }
    }

    /// <summary>Straight 8-bit RGBA, rows top to bottom; fully transparent pixels are written as 0,0,0,0.</summary>
    public byte[] ToRgba8()
    {
        var bytes = new byte[premultiplied.Length];
        for (var i = 0; i < premultiplied.Length; i += 4)
        {
            var alpha = Scalar.Clamp01(premultiplied[i + 3]);
            var a8 = ToByte(alpha);
            if (a8 == 0)
            {
                continue;
            }

            bytes[i] = ToByte(premultiplied[i] / alpha);
            bytes[i + 1] = ToByte(premultiplied[i + 1] / alpha);
            bytes[i + 2] = ToByte(premultiplied[i + 2] / alpha);
            bytes[i + 3] = a8;
        }

        return bytes;
    }

    private static double Coverage(double distance, double softness)
    {
        var t = Scalar.Clamp01(0.5 - (distance / softness));
        return softness > 1 ? t * t * (3 - (2 * t)) : t;
    }

    private static byte ToByte(double v) => (byte)Math.Floor((Scalar.Clamp01(v) * 255) + 0.5);
}
