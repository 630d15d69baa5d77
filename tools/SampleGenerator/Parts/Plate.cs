using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>The engraved name plate fixed to the base's front face.</summary>
internal static class Plate
{
    public static Layer Draw(int width, int height, Rgb metal, uint seed)
    {
        var layer = new Layer(width, height);
        double w = width, h = height;
        var albedo = Materials.Brushed(metal, seed, vertical: false, scale: h / 40);
        // A one-pixel margin keeps a transparent surround even on the tiniest plates.
        var plate = Shapes.RoundedBox(w / 2, h / 2, (w / 2) - 1, (h / 2) - 1, Math.Max(1, h * 0.14));
        layer.Paint(plate, Shaders.Metal(albedo, Normals.Pillow(plate, Math.Max(1.2, h * 0.09))));

        // Engraving is recessed, so its walls catch light from the opposite side: flip the bevel's tilt.
        var recessed = Materials.Darken(albedo, (_, _) => 0.5);
        var border = Shapes.Outline(Shapes.RoundedBox(w / 2, h / 2, (w / 2) - (h * 0.16), (h / 2) - (h * 0.16), h * 0.08), Math.Max(0.35, h * 0.012));
        layer.Paint(border, Shaders.Metal(recessed, Normals.Constant(new Vec3(0.2, 0.3, 0.93))));

        var rows = h >= 24 ? 2 : 1;
        var rowHeight = h * (rows == 2 ? 0.12 : 0.18);
        for (var row = 0; row < rows; row++)
        {
            var cy = rows == 2 ? h * (0.38 + (row * 0.26)) : h / 2;
            var textHalf = w * (row == 0 ? 0.3 : 0.22);
            var x = (w / 2) - textHalf;
            var word = 0;
            while (x < (w / 2) + textHalf - (rowHeight * 2))
            {
                var length = rowHeight * (2.5 + (5 * Noise.White(row, word++, seed)));
                length = Math.Min(length, (w / 2) + textHalf - x);
                var bar = Shapes.RoundedBox(x + (length / 2), cy, length / 2, rowHeight / 2, rowHeight * 0.25);
                var pillow = Normals.Pillow(bar, rowHeight * 0.4);
                layer.Paint(bar, Shaders.Metal(recessed, (px, py) =>
                {
                    var n = pillow(px, py);
                    return new Vec3(-n.X, -n.Y, n.Z);
                }));
                x += length + (rowHeight * 1.1);
            }
        }

        foreach (var sx in new[] { h * 0.3, w - (h * 0.3) })
        {
            var r = Math.Max(1, h * 0.09);
            layer.Paint(Shapes.Circle(sx, h / 2, r), Shaders.Metal(Materials.Darken(albedo, (_, _) => 0.9), Normals.Ellipsoid(sx, h / 2, r, r)));
            layer.Paint(Shapes.RoundedBox(sx, h / 2, r * 0.75, Math.Max(0.3, r * 0.12), 0.2), Shaders.Solid(new Rgb(0.1, 0.09, 0.07), 0.8));
        }

        return layer;
    }
}
