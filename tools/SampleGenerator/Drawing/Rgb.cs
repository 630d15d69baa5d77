using System.Globalization;

namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>A colour with channels nominally in 0..1; shading may overshoot, the layer clamps when it composites.</summary>
internal readonly record struct Rgb(double R, double G, double B)
{
    public static readonly Rgb Black = new(0, 0, 0);
    public static readonly Rgb White = new(1, 1, 1);

    public static Rgb operator +(Rgb a, Rgb b) => new(a.R + b.R, a.G + b.G, a.B + b.B);

    public static Rgb operator *(Rgb a, Rgb b) => new(a.R * b.R, a.G * b.G, a.B * b.B);

    public static Rgb operator *(Rgb c, double k) => new(c.R * k, c.G * k, c.B * k);

    public static Rgb Grey(double v) => new(v, v, v);

    public static Rgb Lerp(Rgb a, Rgb b, double t) =>
        new(a.R + ((b.R - a.R) * t), a.G + ((b.G - a.G) * t), a.B + ((b.B - a.B) * t));

    public static Rgb FromHex(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new ArgumentException($"'{hex}' is not a #rrggbb colour.", nameof(hex));
        }

        var value = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new Rgb(((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0);
    }

    /// <summary>The colour plus the same offset on every channel (luminance grain).</summary>
    public Rgb Offset(double amount) => new(R + amount, G + amount, B + amount);
}
