namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>A part image's size and where its top-left corner sits on the canvas.</summary>
internal readonly record struct PartPlace(int Width, int Height, int X, int Y);
