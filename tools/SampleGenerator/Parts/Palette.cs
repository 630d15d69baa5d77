using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Parts;

/// <summary>Named metal and stone colours, shared so every trophy's parts match.</summary>
internal static class Palette
{
    public static readonly Rgb Gold = new(1.0, 0.78, 0.34);
    public static readonly Rgb Silver = new(0.86, 0.87, 0.9);
    public static readonly Rgb Bronze = new(0.82, 0.5, 0.27);
    public static readonly Rgb Brass = new(0.9, 0.74, 0.42);
    public static readonly Rgb BlackChrome = new(0.3, 0.3, 0.33);

    /// <summary>Neutral metal for parts that the spec colours with a tint.</summary>
    public static readonly Rgb TintBase = new(0.93, 0.93, 0.93);

    public static readonly Rgb BlackMarble = new(0.07, 0.07, 0.08);
    public static readonly Rgb BlackMarbleVein = new(0.72, 0.7, 0.64);
    public static readonly Rgb WhiteMarble = new(0.9, 0.89, 0.86);
    public static readonly Rgb WhiteMarbleVein = new(0.42, 0.44, 0.48);
    public static readonly Rgb GreenMarble = new(0.07, 0.24, 0.17);
    public static readonly Rgb GreenMarbleVein = new(0.62, 0.76, 0.66);
    public static readonly Rgb WalnutDark = new(0.2, 0.11, 0.06);
    public static readonly Rgb WalnutLight = new(0.42, 0.25, 0.13);
}
