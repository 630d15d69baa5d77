namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>
/// Small shaping functions. Only +, -, *, / and sqrt are used anywhere in the generator (no sin, exp or pow),
/// because those are correctly rounded on every platform and keep the output bytes identical everywhere.
/// </summary>
internal static class Scalar
{
    public static double Clamp01(double v) => v < 0 ? 0 : v > 1 ? 1 : v;

    public static double Lerp(double a, double b, double t) => a + ((b - a) * t);

    public static double Smoothstep(double edge0, double edge1, double v)
    {
        var t = Clamp01((v - edge0) / (edge1 - edge0));
        return t * t * (3 - (2 * t));
    }

    public static double Frac(double v) => v - Math.Floor(v);

    /// <summary>Triangle wave: 0 at integers, 1 half way between.</summary>
    public static double Triangle(double v) => 1 - (Math.Abs(Frac(v) - 0.5) * 2);

    /// <summary>1 at <paramref name="centre"/>, easing to 0 at <paramref name="halfWidth"/> away.</summary>
    public static double Bump(double v, double centre, double halfWidth) =>
        1 - Smoothstep(0, halfWidth, Math.Abs(v - centre));

    public static double Length(double x, double y) => Math.Sqrt((x * x) + (y * y));

    /// <summary>v^48 by repeated squaring; a specular lobe without Math.Pow.</summary>
    public static double Pow48(double v)
    {
        var v2 = v * v;
        var v4 = v2 * v2;
        var v8 = v4 * v4;
        var v16 = v8 * v8;
        return v16 * v16 * v16;
    }

    /// <summary>v^12, a broader lobe for satin finishes.</summary>
    public static double Pow12(double v)
    {
        var v2 = v * v;
        var v4 = v2 * v2;
        return v4 * v4 * v4;
    }
}
