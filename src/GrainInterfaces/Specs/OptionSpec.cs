namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>One part image and where it sits on the canvas.</summary>
/// <param name="Image">Path relative to the trophy's asset root, with '/' separators.</param>
/// <param name="Tint">Optional 0xRRGGBB multiplier for the layer's colour; alpha is kept.</param>
/// <param name="Label">What a customer reads for this option; null shows the id. Not part of keys or fingerprints.</param>
[GenerateSerializer, Immutable, Alias("k2.OptionSpec")]
public sealed record OptionSpec(string Id, string Image, int X, int Y, uint? Tint, string? Label = null);
