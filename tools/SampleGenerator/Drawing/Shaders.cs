namespace K2Orleans.SampleGenerator.Drawing;

/// <summary>Joins a material, a normal field and a finish into something a layer can paint.</summary>
internal static class Shaders
{
    public static Shader Metal(Albedo albedo, NormalField normals) =>
        (x, y) => Rgba.Opaque(Lighting.Metal(albedo(x, y), normals(x, y)));

    public static Shader Polished(Albedo albedo, NormalField normals, double gloss) =>
        (x, y) => Rgba.Opaque(Lighting.Polished(albedo(x, y), normals(x, y), gloss));

    public static Shader Solid(Rgb colour, double alpha) => (_, _) => new Rgba(colour, alpha);
}
