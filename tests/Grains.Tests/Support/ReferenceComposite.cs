namespace K2Orleans.Grains.Tests.Support;

/// <summary>
/// The independent path the renderer is checked against: textbook straight-alpha Porter-Duff "over" in doubles,
/// one pixel at a time, from the layers' 8-bit pixels.
/// </summary>
public sealed class ReferenceComposite
{
    private readonly double[] r;
    private readonly double[] g;
    private readonly double[] b;
    private readonly double[] a;

    public ReferenceComposite(int width, int height, uint backgroundRgba)
    {
        Width = width;
        Height = height;
        var n = width * height;
        r = new double[n];
        g = new double[n];
        b = new double[n];
        a = new double[n];
        Array.Fill(r, ((backgroundRgba >> 24) & 0xFF) / 255.0);
        Array.Fill(g, ((backgroundRgba >> 16) & 0xFF) / 255.0);
        Array.Fill(b, ((backgroundRgba >> 8) & 0xFF) / 255.0);
        Array.Fill(a, (backgroundRgba & 0xFF) / 255.0);
    }

    public int Width { get; }

    public int Height { get; }

    public void Over(byte[] layer, int layerWidth, int layerHeight, int x, int y, uint? tint = null)
    {
        double tr = 1, tg = 1, tb = 1;
        if (tint is { } t)
        {
            tr = ((t >> 16) & 0xFF) / 255.0;
            tg = ((t >> 8) & 0xFF) / 255.0;
            tb = (t & 0xFF) / 255.0;
        }

        for (var ly = 0; ly < layerHeight; ly++)
        {
            for (var lx = 0; lx < layerWidth; lx++)
            {
                int cx = x + lx, cy = y + ly;
                if (cx < 0 || cy < 0 || cx >= Width || cy >= Height)
                {
                    continue;
                }

                var s = ((ly * layerWidth) + lx) * 4;
                var d = (cy * Width) + cx;
                double sa = layer[s + 3] / 255.0, da = a[d];
                var outA = sa + (da * (1 - sa));
                if (outA <= 0)
                {
                    r[d] = g[d] = b[d] = a[d] = 0;
                    continue;
                }

                r[d] = (((layer[s] / 255.0 * tr) * sa) + (r[d] * da * (1 - sa))) / outA;
                g[d] = (((layer[s + 1] / 255.0 * tg) * sa) + (g[d] * da * (1 - sa))) / outA;
                b[d] = (((layer[s + 2] / 255.0 * tb) * sa) + (b[d] * da * (1 - sa))) / outA;
                a[d] = outA;
            }
        }
    }

    public byte[] ToRgba()
    {
        var result = new byte[Width * Height * 4];
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] <= 0)
            {
                continue;
            }

            result[i * 4] = ToByte(r[i]);
            result[(i * 4) + 1] = ToByte(g[i]);
            result[(i * 4) + 2] = ToByte(b[i]);
            result[(i * 4) + 3] = ToByte(a[i]);
        }

        return result;
    }

    private static byte ToByte(double unit) => (byte)Math.Clamp(Math.Round(unit * 255, MidpointRounding.AwayFromZero), 0, 255);
}
