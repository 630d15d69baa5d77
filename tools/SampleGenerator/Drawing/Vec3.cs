namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>A direction in image space: x right, y down, z towards the viewer.</summary>
internal readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Forward = new(0, 0, 1);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public double Dot(Vec3 other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    public Vec3 Normalized()
    {
        var length = Math.Sqrt(Dot(this));
        return length > 1e-12 ? new Vec3(X / length, Y / length, Z / length) : Forward;
    }
}
