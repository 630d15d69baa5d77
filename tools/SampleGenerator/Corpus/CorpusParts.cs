using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Corpus;

/// <summary>Draws one part image of a <see cref="CorpusKind"/>; the option number picks colours and details.</summary>
internal static class CorpusParts
{
    private static readonly Rgb[] Colours =
    [
        Rgb.FromHex("#c0392b"), Rgb.FromHex("#2e86c1"), Rgb.FromHex("#27ae60"), Rgb.FromHex("#f1c40f"),
        Rgb.FromHex("#8e44ad"), Rgb.FromHex("#e67e22"), Rgb.FromHex("#ecf0f1"), Rgb.FromHex("#34495e"),
    ];

    public static Layer Draw(CorpusKind kind, int width, int height, int option, uint seed)
    {
        var layer = new Layer(width, height);
        switch (kind)
        {
            case CorpusKind.Photo:
                Photo(layer, option, seed);
                break;
            case CorpusKind.Vector:
                Vector(layer, option, seed);
                break;
            case CorpusKind.Gradient:
                Gradient(layer, option);
                break;
            default:
                Glow(layer, option, seed);
                break;
        }

        return layer;
    }

    private static Rgb Colour(int option, int offset) => Colours[(option + offset) % Colours.Length];

    /// <summary>A rounded slab of noisy texture, like a photographed stone or fabric, with a grainy inset disc.</summary>
    private static void Photo(Layer layer, int option, uint seed)
    {
        double w = layer.Width, h = layer.Height, scale = Math.Max(w, h) / 6;
        var dark = Colour(option, 0) * 0.45;
        var light = Rgb.Lerp(Colour(option, 3), Rgb.White, 0.3);
        layer.Paint(
            Shapes.RoundedBox(w / 2, h / 2, (w / 2) - 1, (h / 2) - 1, Math.Min(w, h) / 8),
            (x, y) => Rgba.Opaque(Rgb.Lerp(dark, light, Noise.Fractal(x / scale, y / scale, seed, 5)).Offset(Noise.Grain(x, y, seed + 3) * 0.16)));
        layer.Paint(
            Shapes.Ellipse(w / 2, h / 2, w / 4, h / 4),
            (x, y) => Rgba.Opaque(Rgb.Lerp(light, dark, Noise.Fractal(x / 9, y / 9, seed + 11, 3)).Offset(Noise.Grain(x, y, seed + 5) * 0.2)));
    }

    /// <summary>A flat badge: solid shapes and a stroke, anti-aliased edges, no texture.</summary>
    private static void Vector(Layer layer, int option, uint seed)
    {
        double w = layer.Width, h = layer.Height;
        var r = Math.Min(w, h);
        layer.Paint(Shapes.RoundedBox(w / 2, h / 2, (w / 2) - 2, (h / 2) - 2, r / 6), Shaders.Solid(Colour(option, 0), 1));
        layer.Paint(Shapes.Outline(Shapes.RoundedBox(w / 2, h / 2, (w / 2) - 8, (h / 2) - 8, r / 7), 1.5), Shaders.Solid(Rgb.White, 1));
        for (var i = 0; i < 4; i++)
        {
            var cx = w * (0.2 + (0.6 * Noise.White(i, 1, seed)));
            var cy = h * (0.2 + (0.6 * Noise.White(i, 2, seed)));
            var size = r * (0.08 + (0.12 * Noise.White(i, 3, seed)));
            var shape = i % 2 == 0
                ? Shapes.Circle(cx, cy, size)
                : Shapes.Polygon((cx, cy - size), (cx + size, cy + size), (cx - size, cy + size));
            layer.Paint(shape, Shaders.Solid(Colour(option, i + 1), 1));
        }
    }

    /// <summary>A polished cylinder: a vertical colour gradient under horizontal highlight and falloff.</summary>
    private static void Gradient(Layer layer, int option)
    {
        double w = layer.Width, h = layer.Height;
        var top = Rgb.Lerp(Colour(option, 0), Rgb.White, 0.25);
        var bottom = Colour(option, 2) * 0.6;
        var highlight = 0.3 + (0.1 * (option % 4));
        layer.Paint(
            Shapes.RoundedBox(w / 2, h / 2, (w / 2) - 1, (h / 2) - 1, Math.Min(w, h) / 5),
            (x, y) =>
            {
                var u = ((x / w) * 2) - 1;
                var shade = 0.45 + (0.5 * (1 - (u * u))) + (0.6 * Scalar.Pow12(Scalar.Bump(u, highlight - 0.5, 0.9)));
                return Rgba.Opaque(Rgb.Lerp(top, bottom, y / h) * shade);
            });
    }

    /// <summary>A soft drop shadow under a glowing halo: wide feathered edges, partial alpha almost everywhere.</summary>
    private static void Glow(Layer layer, int option, uint seed)
    {
        double w = layer.Width, h = layer.Height;
        var soft = Math.Min(w, h) / 5;
        layer.Paint(Shapes.RoundedBox(w * 0.55, h * 0.58, w * 0.3, h * 0.3, soft), Shaders.Solid(Rgb.Black, 0.45), soft);
        layer.Paint(Shapes.Ellipse(w / 2, h / 2, w * 0.25, h * 0.25), Shaders.Solid(Colour(option, 1), 0.6), soft * 0.8);
        var cx = w * (0.35 + (0.3 * Noise.White(option, 7, seed)));
        layer.Paint(Shapes.Circle(cx, h * 0.45, Math.Min(w, h) * 0.08), Shaders.Solid(Rgb.Lerp(Colour(option, 3), Rgb.White, 0.5), 0.8), soft * 0.5);
    }
}
