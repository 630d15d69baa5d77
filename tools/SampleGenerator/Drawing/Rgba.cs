namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>A straight (not premultiplied) colour with its opacity, as a shader returns it.</summary>
internal readonly record struct Rgba(Rgb Color, double Alpha)
{
    public static Rgba Opaque(Rgb color) => new(color, 1);
}
