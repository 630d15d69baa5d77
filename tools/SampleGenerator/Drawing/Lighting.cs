namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>
/// One studio set-up for every part: a key light from the upper left and two soft boxes that metals reflect,
/// so parts drawn separately still look lit alike when they are stacked.
/// </summary>
internal static class Lighting
{
    private static readonly Vec3 Key = new Vec3(-0.45, -0.6, 0.66).Normalized();
    private static readonly Vec3 Halfway = (Key + Vec3.Forward).Normalized();

    /// <summary>Polished metal: mostly the reflected studio, coloured by the metal.</summary>
    public static Rgb Metal(Rgb albedo, Vec3 n)
    {
        // Reflection of the view ray; metals show what they mirror, so the soft boxes make the highlights.
        var rx = 2 * n.Z * n.X;
        var ry = 2 * n.Z * n.Y;
        var studio = 0.32
            + (0.95 * Scalar.Bump(rx, -0.42, 0.32))
            + (0.4 * Scalar.Bump(rx, 0.55, 0.2))
            + (0.3 * Scalar.Clamp01(-ry * 1.3))
            - (0.2 * Scalar.Clamp01(ry * 1.5));
        var diffuse = Scalar.Clamp01(n.Dot(Key));
        var specular = Scalar.Pow48(Scalar.Clamp01(n.Dot(Halfway)));
        var tone = (0.12 + (0.25 * diffuse) + (0.7 * studio));
        return (albedo * tone) + (Rgb.Lerp(albedo, Rgb.White, 0.6) * (0.85 * specular));
    }

    /// <summary>A lacquered or polished non-metal (stone, wood): diffuse colour with a white sheen.</summary>
    public static Rgb Polished(Rgb albedo, Vec3 n, double gloss)
    {
        var diffuse = Scalar.Clamp01(n.Dot(Key));
        var specular = Scalar.Pow48(Scalar.Clamp01(n.Dot(Halfway)));
        var sheen = Scalar.Pow12(Scalar.Clamp01(n.Dot(Halfway)));
        return (albedo * (0.5 + (0.55 * diffuse))) + Rgb.Grey((gloss * 0.5 * specular) + (gloss * 0.08 * sheen));
    }
}
