using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>A spec and the part images it refers to, keyed by path relative to the asset root ('/' separators).</summary>
internal sealed record TrophyDefinition(SpecDocument Spec, IReadOnlyDictionary<string, Func<Layer>> Images);
