namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>The <c>canvas</c> object of a trophy spec (contracts.md §1).</summary>
internal sealed record CanvasModel(int Width, int Height, string Background);
