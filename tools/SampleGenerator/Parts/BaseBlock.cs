using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>The bottom part: a stone or wood block seen slightly from above, with a soft contact shadow.</summary>
internal static class BaseBlock
{
    public static Layer Draw(int width, int height, Albedo stone, double gloss, BaseStyle style, Rgb? trim, uint seed)
    {
        var layer = new Layer(width, height);
        double w = width, h = height;
        var scale = h / 150.0;
        var bottom = h - Math.Max(3, 9 * scale);

        // The shadow is what makes the block sit on a surface rather than float; it is the only
        // large area of partial alpha, like a real cut-out product photo.
        var left = Math.Max(1, w * 0.025);
        var right = w - left;
        layer.Paint(Shapes.Ellipse(w / 2, bottom, (w / 2) - (left * 0.3), Math.Max(2, 8 * scale)), Shaders.Solid(Rgb.Black, 0.55), Math.Max(2, 12 * scale));

        if (style == BaseStyle.Stepped)
        {
            var plinthTop = bottom - (h * 0.3);
            var plinthDepth = h * 0.08;
            Tier(layer, left, right, plinthTop, bottom, plinthDepth, stone, gloss, trim, scale, seed);
            Tier(layer, w * 0.09, w * 0.91, 0, plinthTop + (plinthDepth * 0.55), h * 0.12, stone, gloss, null, scale, seed);
        }
        else
        {
            Tier(layer, left, right, 0, bottom, h * 0.15, stone, gloss, trim, scale, seed);
        }

        return layer;
    }

    private static void Tier(Layer layer, double left, double right, double top, double bottom, double topDepth, Albedo stone, double gloss, Rgb? trim, double scale, uint seed)
    {
        var cx = (left + right) / 2;
        var inset = (right - left) * 0.035;
        var faceTop = top + topDepth;
        var bevel = Math.Max(1, 4 * scale);

        // The top face reaches one pixel under the front face so their anti-aliased edges leave no seam.
        var topFace = Shapes.Polygon((left + inset, top), (right - inset, top), (right, faceTop + 1), (left, faceTop + 1));
        var topNormals = Normals.Perturb(Normals.Constant(new Vec3(0, -0.8, 0.6)), Normals.Pillow(topFace, bevel * 0.6));
        var topAlbedo = Materials.Darken(stone, (_, y) => 1.12 - (0.12 * Scalar.Clamp01((y - top) / topDepth)));
        layer.Paint(topFace, Shaders.Polished(topAlbedo, topNormals, gloss));

        var front = Shapes.RoundedBox(cx, (faceTop + bottom) / 2, (right - left) / 2, (bottom - faceTop) / 2, Math.Max(1, 3 * scale));
        var frontAlbedo = Materials.Darken(stone, (_, y) => 1 - (0.3 * Scalar.Smoothstep(faceTop, bottom, y)));
        layer.Paint(front, Shaders.Polished(frontAlbedo, Normals.Pillow(front, bevel), gloss));

        if (trim is { } metal)
        {
            var bandHalf = Math.Max(1, 3 * scale);
            foreach (var cy in new[] { faceTop + (bandHalf * 2.2), bottom - (bandHalf * 2.2) })
            {
                var band = Shapes.RoundedBox(cx, cy, ((right - left) / 2) - 0.5, bandHalf, bandHalf * 0.9);
                layer.Paint(band, Shaders.Metal(Materials.Brushed(metal, seed + 77, vertical: false, scale), Normals.Band(cy, bandHalf)));
            }
        }
    }
}
