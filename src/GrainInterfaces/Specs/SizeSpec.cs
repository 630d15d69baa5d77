namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>An extra downscaled copy; the height keeps the canvas's aspect ratio.</summary>
[GenerateSerializer, Immutable, Alias("k2.SizeSpec")]
public sealed record SizeSpec(string Suffix, int Width);
