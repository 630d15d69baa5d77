namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>One option of a slot as the spec file states it; <paramref name="Tint"/> is <c>#rrggbb</c> or absent.</summary>
internal sealed record OptionModel(string Id, string Image, int X, int Y, string? Tint = null);
