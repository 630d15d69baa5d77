namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>An extra downscaled copy in <c>output.sizes</c>.</summary>
internal sealed record SizeModel(string Suffix, int Width);
