namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>The picture every combination is drawn on.</summary>
/// <param name="Background">Straight (not premultiplied) RGBA packed as 0xRRGGBBAA; 0 is transparent.</param>
[GenerateSerializer, Immutable, Alias("k2.CanvasSpec")]
public sealed record CanvasSpec(int Width, int Height, uint Background);
