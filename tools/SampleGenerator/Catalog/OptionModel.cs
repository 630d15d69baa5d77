using System.Text.Json.Serialization;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>One option of a slot as the spec file states it; <paramref name="Tint"/> is <c>#rrggbb</c> or absent.</summary>
/// <param name="Label">What a customer reads; the builder derives it from the id when none is given.</param>
internal sealed record OptionModel(
    [property: JsonPropertyOrder(-2)] string Id, string Image, int X, int Y, string? Tint = null, [property: JsonPropertyOrder(-1)] string? Label = null);
