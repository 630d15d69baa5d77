namespace K2Orleans.Grains.Specs;

/// <summary>Limits a spec must keep beyond the fixed rules of contracts.md §1.</summary>
public sealed class SpecParserOptions
{
    /// <summary>A spec with more combinations is refused (Rendering:MaxCombinations).</summary>
    public long MaxCombinations { get; init; } = 1_000_000;
}
