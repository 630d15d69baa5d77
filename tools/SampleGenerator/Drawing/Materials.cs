namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Procedural textures. Every one carries some fine grain, as photographed parts do.</summary>
internal static class Materials
{
    /// <summary>Veined stone: soft clouding, a few strong veins and fine hairline veins.</summary>
    public static Albedo Marble(Rgb stone, Rgb vein, uint seed, double scale = 1) => (x, y) =>
    {
        var sx = x / scale;
        var sy = y / scale;
        var cloud = Noise.Fractal(sx / 70, sy / 70, seed, 4);
        var warp = Noise.Fractal(sx / 45, sy / 45, seed + 101, 5);
        var major = 1 - Scalar.Smoothstep(0.0, 0.09, 1 - Scalar.Triangle(((sx * 0.55) + (sy * 0.35)) / 110 + (warp * 2.6)));
        var minor = 1 - Scalar.Smoothstep(0.0, 0.05, 1 - Scalar.Triangle(((sx * 0.2) - (sy * 0.5)) / 60 + (warp * 3.4)));
        var veins = Math.Max(major * 0.85, minor * 0.4);
        var body = stone * (0.88 + (0.24 * cloud));
        return Rgb.Lerp(body, vein, veins).Offset(Noise.Grain(x, y, seed + 7) * 0.03);
    };

    /// <summary>Long-grain timber with growth bands and pores running along x.</summary>
    public static Albedo Wood(Rgb dark, Rgb light, uint seed, double scale = 1) => (x, y) =>
    {
        var sx = x / scale;
        var sy = y / scale;
        var warp = Noise.Fractal(sx / 160, sy / 22, seed, 4);
        var band = Scalar.Frac((sy / 11) + (warp * 5));
        var growth = Scalar.Smoothstep(0.15, 0.85, band) * (1 - Scalar.Smoothstep(0.85, 1.0, band));
        var pores = Noise.Value(sx / 30, sy * 0.9, seed + 33);
        var colour = Rgb.Lerp(dark, light, (growth * 0.75) + (pores * 0.25));
        return colour.Offset(Noise.Grain(x, y, seed + 9) * 0.035);
    };

    /// <summary>Brushed metal: a flat colour with faint streaks along <paramref name="vertical"/> or across.</summary>
    public static Albedo Brushed(Rgb metal, uint seed, bool vertical = true, double scale = 1) => (x, y) =>
    {
        var streak = vertical
            ? Noise.Value(x / scale * 0.7, y / scale / 28, seed)
            : Noise.Value(x / scale / 28, y / scale * 0.7, seed);
        return (metal * (0.93 + (0.14 * streak))).Offset(Noise.Grain(x, y, seed + 5) * 0.025);
    };

    public static Albedo Darken(Albedo albedo, Func<double, double, double> factor) =>
        (x, y) => albedo(x, y) * factor(x, y);
}
