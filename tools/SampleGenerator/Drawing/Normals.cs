namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Normal fields that give flat shapes a believable volume.</summary>
internal static class Normals
{
    public static NormalField Constant(Vec3 normal)
    {
        var n = normal.Normalized();
        return (_, _) => n;
    }

    /// <summary>
    /// Rounds a shape's rim with a quarter-circle profile <paramref name="radius"/> pixels wide; flat inside.
    /// Works for any shape, so every part gets bevelled edges from one function.
    /// </summary>
    public static NormalField Pillow(Shape shape, double radius)
    {
        const double step = 0.75;

        double Height(double x, double y)
        {
            var u = 1 - Scalar.Clamp01(-shape(x, y) / radius);
            return radius * Math.Sqrt(1 - (u * u));
        }

        return (x, y) =>
        {
            var gx = (Height(x + step, y) - Height(x - step, y)) / (2 * step);
            var gy = (Height(x, y + step) - Height(x, y - step)) / (2 * step);
            return new Vec3(-gx, -gy, 1).Normalized();
        };
    }

    /// <summary>A vertical cylinder (or cone) centred on <paramref name="cx"/> with a half width that may vary by row.</summary>
    public static NormalField Cylinder(double cx, Func<double, double> halfWidthAt) => (x, y) =>
    {
        var nx = Math.Clamp((x - cx) / halfWidthAt(y), -0.985, 0.985);
        return new Vec3(nx, 0, Math.Sqrt(1 - (nx * nx)));
    };

    /// <summary>A horizontal rod or band centred on row <paramref name="cy"/>.</summary>
    public static NormalField Band(double cy, double halfHeight) => (_, y) =>
    {
        var ny = Math.Clamp((y - cy) / halfHeight, -0.985, 0.985);
        return new Vec3(0, ny, Math.Sqrt(1 - (ny * ny)));
    };

    /// <summary>An ellipsoid's front half; a circle gives a sphere.</summary>
    public static NormalField Ellipsoid(double cx, double cy, double rx, double ry) => (x, y) =>
    {
        var u = (x - cx) / rx;
        var v = (y - cy) / ry;
        var z = Math.Sqrt(Math.Max(0.02, 1 - (u * u) - (v * v)));
        return new Vec3(u, v, z).Normalized();
    };

    /// <summary>A torus-like rim: round across the width and across the height.</summary>
    public static NormalField Rounded(double cx, double halfWidth, double cy, double halfHeight) => (x, y) =>
    {
        var nx = Math.Clamp((x - cx) / halfWidth, -0.985, 0.985);
        var ny = Math.Clamp((y - cy) / halfHeight, -0.985, 0.985);
        var ring = Math.Sqrt(1 - (ny * ny));
        return new Vec3(nx * ring, ny, Math.Sqrt(1 - (nx * nx)) * ring);
    };

    /// <summary>Adds the tilt of <paramref name="detail"/> (relative to facing forward) to <paramref name="basis"/>.</summary>
    public static NormalField Perturb(NormalField basis, NormalField detail) =>
        (x, y) => (basis(x, y) + (detail(x, y) - Vec3.Forward)).Normalized();

    /// <summary>Tilts the normal sideways and vertically by amounts that depend on position (flutes, twists, rings).</summary>
    public static NormalField Tilt(NormalField basis, Func<double, double, (double Dx, double Dy)> tilt) => (x, y) =>
    {
        var n = basis(x, y);
        var (dx, dy) = tilt(x, y);
        return new Vec3(n.X + dx, n.Y + dy, n.Z).Normalized();
    };
}
