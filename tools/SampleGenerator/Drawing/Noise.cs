namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Seeded integer-hash noise: the same seed gives the same texture on every run and machine.</summary>
internal static class Noise
{
    private const double UnitScale = 1.0 / 4294967296.0;

    public static uint Hash(int x, int y, uint seed)
    {
        var h = (seed * 0x9E3779B1u) ^ ((uint)x * 0x85EBCA77u) ^ ((uint)y * 0xC2B2AE3Du);
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        h *= 0x297A2D39u;
        h ^= h >> 15;
        return h;
    }

    /// <summary>Uniform in [0, 1) per lattice point.</summary>
    public static double White(int x, int y, uint seed) => Hash(x, y, seed) * UnitScale;

    /// <summary>Per-pixel grain in [-0.5, 0.5).</summary>
    public static double Grain(double x, double y, uint seed) =>
        White((int)Math.Floor(x), (int)Math.Floor(y), seed) - 0.5;

    /// <summary>Smoothly interpolated lattice noise in [0, 1].</summary>
    public static double Value(double x, double y, uint seed)
    {
        var x0 = Math.Floor(x);
        var y0 = Math.Floor(y);
        var ix = (int)x0;
        var iy = (int)y0;
        var fx = x - x0;
        var fy = y - y0;
        var sx = fx * fx * (3 - (2 * fx));
        var sy = fy * fy * (3 - (2 * fy));
        var top = Scalar.Lerp(White(ix, iy, seed), White(ix + 1, iy, seed), sx);
        var bottom = Scalar.Lerp(White(ix, iy + 1, seed), White(ix + 1, iy + 1, seed), sx);
        return Scalar.Lerp(top, bottom, sy);
    }

    /// <summary>Sum of octaves of <see cref="Value"/>, normalised to [0, 1].</summary>
    public static double Fractal(double x, double y, uint seed, int octaves)
    {
        double sum = 0, norm = 0, amplitude = 0.5;
        for (var i = 0; i < octaves; i++)
        {
            sum += amplitude * Value(x, y, seed + ((uint)i * 7919u));
            norm += amplitude;
            // A non-integer factor keeps the octaves' lattices from lining up into visible grid lines.
            x *= 2.03;
            y *= 2.03;
            amplitude *= 0.5;
        }

        return sum / norm;
    }
}
