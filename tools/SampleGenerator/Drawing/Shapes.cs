namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Signed distance primitives and the ways to combine them.</summary>
internal static class Shapes
{
    public static Shape Circle(double cx, double cy, double r) =>
        (x, y) => Scalar.Length(x - cx, y - cy) - r;

    /// <summary>First-order distance (k - 1) / |grad k|: exact enough near the edge, where anti-aliasing needs it.</summary>
    public static Shape Ellipse(double cx, double cy, double rx, double ry) => (x, y) =>
    {
        var u = (x - cx) / rx;
        var v = (y - cy) / ry;
        var k = Scalar.Length(u, v);
        if (k < 1e-9)
        {
            return -Math.Min(rx, ry);
        }

        var gradient = Scalar.Length(u / (rx * k), v / (ry * k));
        return (k - 1) / gradient;
    };

    public static Shape RoundedBox(double cx, double cy, double halfWidth, double halfHeight, double radius) => (x, y) =>
    {
        var qx = Math.Abs(x - cx) - halfWidth + radius;
        var qy = Math.Abs(y - cy) - halfHeight + radius;
        var outside = Scalar.Length(Math.Max(qx, 0), Math.Max(qy, 0));
        var inside = Math.Min(Math.Max(qx, qy), 0);
        return outside + inside - radius;
    };

    /// <summary>A segment from a to b whose radius runs from <paramref name="ra"/> to <paramref name="rb"/>.</summary>
    public static Shape Capsule(double ax, double ay, double bx, double by, double ra, double rb) => (x, y) =>
    {
        double px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
        var t = Scalar.Clamp01(((px * dx) + (py * dy)) / ((dx * dx) + (dy * dy)));
        return Scalar.Length(px - (dx * t), py - (dy * t)) - Scalar.Lerp(ra, rb, t);
    };

    /// <summary>Exact distance to a closed polygon (any winding, may be concave).</summary>
    public static Shape Polygon(params (double X, double Y)[] points)
    {
        if (points.Length < 3)
        {
            throw new ArgumentException("A polygon needs at least three points.", nameof(points));
        }

        var vertices = points.ToArray();
        return (x, y) =>
        {
            var squared = double.MaxValue;
            var sign = 1.0;
            for (int i = 0, j = vertices.Length - 1; i < vertices.Length; j = i, i++)
            {
                var (vix, viy) = vertices[i];
                var (vjx, vjy) = vertices[j];
                double ex = vjx - vix, ey = vjy - viy, wx = x - vix, wy = y - viy;
                var t = Scalar.Clamp01(((wx * ex) + (wy * ey)) / ((ex * ex) + (ey * ey)));
                double bx = wx - (ex * t), by = wy - (ey * t);
                squared = Math.Min(squared, (bx * bx) + (by * by));
                var above = y >= viy;
                var below = y < vjy;
                var left = (ex * wy) > (ey * wx);
                if ((above && below && left) || (!above && !below && !left))
                {
                    sign = -sign;
                }
            }

            return sign * Math.Sqrt(squared);
        };
    }

    /// <summary>Everything below the line y = <paramref name="top"/>.</summary>
    public static Shape Below(double top) => (_, y) => top - y;

    public static Shape Union(params Shape[] shapes) => (x, y) =>
    {
        var d = double.MaxValue;
        foreach (var shape in shapes)
        {
            d = Math.Min(d, shape(x, y));
        }

        return d;
    };

    /// <summary>Union that blends the seam over about <paramref name="k"/> pixels, for cast-metal looking joins.</summary>
    public static Shape SmoothUnion(double k, params Shape[] shapes) => (x, y) =>
    {
        var d = shapes[0](x, y);
        for (var i = 1; i < shapes.Length; i++)
        {
            var other = shapes[i](x, y);
            var h = Scalar.Clamp01(0.5 + (0.5 * (other - d) / k));
            d = Scalar.Lerp(other, d, h) - (k * h * (1 - h));
        }

        return d;
    };

    public static Shape Intersect(Shape a, Shape b) => (x, y) => Math.Max(a(x, y), b(x, y));

    public static Shape Subtract(Shape a, Shape b) => (x, y) => Math.Max(a(x, y), -b(x, y));

    /// <summary>A band of <paramref name="halfThickness"/> either side of the shape's outline.</summary>
    public static Shape Outline(Shape shape, double halfThickness) => (x, y) => Math.Abs(shape(x, y)) - halfThickness;

    /// <summary>Shifts sample points sideways, e.g. to make a flame waver.</summary>
    public static Shape WarpX(Shape shape, Func<double, double, double> offset) => (x, y) => shape(x + offset(x, y), y);
}
