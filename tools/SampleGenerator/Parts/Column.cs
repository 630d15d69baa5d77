using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>The upright between base and topper: a metal cylinder with a cap at each end.</summary>
internal static class Column
{
    public static Layer Draw(int width, int height, Rgb metal, ColumnStyle style, uint seed)
    {
        var layer = new Layer(width, height);
        double w = width, h = height;
        var cx = w / 2;
        var capHalf = Math.Max(1.5, h * 0.022);
        var top = capHalf * 1.6;
        var bottom = h - (capHalf * 1.6);
        var albedo = Materials.Brushed(metal, seed, vertical: true, scale: w / 48);

        Func<double, double> halfWidth = style == ColumnStyle.Tapered
            ? y => Scalar.Lerp(w * 0.24, w * 0.37, Scalar.Clamp01((y - top) / (bottom - top)))
            : _ => w * 0.33;
        var body = style == ColumnStyle.Tapered
            ? Shapes.Polygon((cx - (w * 0.24), top), (cx + (w * 0.24), top), (cx + (w * 0.37), bottom), (cx - (w * 0.37), bottom))
            : Shapes.RoundedBox(cx, (top + bottom) / 2, w * 0.33, (bottom - top) / 2, 0.5);
        var normals = Normals.Cylinder(cx, halfWidth);
        normals = style switch
        {
            ColumnStyle.Fluted => Normals.Tilt(normals, (x, y) => (0.8 * (Scalar.Frac(((x - cx) / halfWidth(y) * 3.5) + 0.5) - 0.5), 0)),
            ColumnStyle.Twisted => Normals.Tilt(normals, (x, y) => (0.9 * (Scalar.Frac(((x - cx) / (w * 0.3)) + (y / (w * 0.55))) - 0.5), 0)),
            ColumnStyle.Banded => Normals.Tilt(normals, (_, y) => (0, RingTilt(y - top, w * 1.2))),
            _ => normals,
        };
        if (style == ColumnStyle.Fluted)
        {
            // Grooves collect shadow; darken the flute edges so the flutes read at a glance.
            var plain = albedo;
            albedo = Materials.Darken(plain, (x, y) =>
            {
                var phase = Scalar.Frac(((x - cx) / halfWidth(y) * 3.5) + 0.5);
                return 0.72 + (0.28 * Scalar.Smoothstep(0, 0.18, Math.Min(phase, 1 - phase)));
            });
        }

        layer.Paint(body, Shaders.Metal(albedo, normals));

        var capAlbedo = Materials.Brushed(metal, seed + 1, vertical: false, scale: w / 48);
        foreach (var (cy, halfW) in new[] { (capHalf * 1.1, w * 0.42), (h - (capHalf * 1.1), (w / 2) - 0.5) })
        {
            var cap = Shapes.RoundedBox(cx, cy, halfW, capHalf, capHalf * 0.8);
            layer.Paint(cap, Shaders.Metal(capAlbedo, Normals.Rounded(cx, halfW, cy, capHalf * 1.2)));
        }

        return layer;
    }

    /// <summary>A raised ring every <paramref name="period"/> pixels: the normal tips up, then down, across it.</summary>
    private static double RingTilt(double y, double period)
    {
        var phase = Scalar.Frac(y / period);
        const double ring = 0.16;
        return phase < ring ? 1.6 * ((phase / ring) - 0.5) : 0;
    }
}
