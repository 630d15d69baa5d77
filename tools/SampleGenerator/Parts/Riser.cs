using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>The short piece that caps the column and carries the topper; it hides the joint between them.</summary>
internal static class Riser
{
    public static Layer Draw(int width, int height, Rgb metal, RiserStyle style, uint seed)
    {
        var layer = new Layer(width, height);
        double w = width, h = height;
        var cx = w / 2;
        var albedo = Materials.Brushed(metal, seed, vertical: false, scale: w / 110);
        switch (style)
        {
            case RiserStyle.Collar:
                {
                    var neckHalf = w * 0.27;
                    var neck = Shapes.RoundedBox(cx, h * 0.64, neckHalf, h * 0.35, Math.Max(0.5, h * 0.04));
                    layer.Paint(neck, Shaders.Metal(albedo, Normals.Cylinder(cx, _ => neckHalf)));
                    var discHalf = (w / 2) - 0.5;
                    var disc = Shapes.RoundedBox(cx, h * 0.24, discHalf, h * 0.2, h * 0.18);
                    layer.Paint(disc, Shaders.Metal(albedo, Normals.Rounded(cx, discHalf, h * 0.24, h * 0.26)));
                    break;
                }

            case RiserStyle.Trumpet:
                {
                    var rimY = h * 0.2;
                    var flareTop = h * 0.22;
                    Func<double, double> halfWidth = y => Scalar.Lerp((w / 2) - 2, w * 0.17, Scalar.Clamp01((y - flareTop) / (h - flareTop)));
                    var cone = Shapes.Polygon((cx - halfWidth(flareTop), flareTop), (cx + halfWidth(flareTop), flareTop), (cx + (w * 0.17), h - 0.5), (cx - (w * 0.17), h - 0.5));
                    layer.Paint(cone, Shaders.Metal(albedo, Normals.Perturb(Normals.Cylinder(cx, halfWidth), Normals.Constant(new Vec3(0, 0.35, 0.94)))));
                    var rim = Shapes.RoundedBox(cx, rimY, (w / 2) - 0.5, h * 0.13, h * 0.12);
                    layer.Paint(rim, Shaders.Metal(albedo, Normals.Rounded(cx, (w / 2) - 0.5, rimY, h * 0.16)));
                    break;
                }

            default:
                {
                    var halfW = (w / 2) - 0.5;
                    var ring = Shapes.RoundedBox(cx, h / 2, halfW, (h / 2) - 0.5, h * 0.4);
                    layer.Paint(ring, Shaders.Metal(albedo, Normals.Rounded(cx, halfW, h / 2, h * 0.55)));
                    var groove = Shapes.RoundedBox(cx, h / 2, halfW - 0.5, Math.Max(0.5, h * 0.035), Math.Max(0.5, h * 0.03));
                    layer.Paint(groove, Shaders.Metal(Materials.Darken(albedo, (_, _) => 0.45), Normals.Cylinder(cx, _ => halfW)));
                    break;
                }
        }

        return layer;
    }
}
