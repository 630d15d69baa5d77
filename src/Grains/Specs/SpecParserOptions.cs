using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Specs;

/// <summary>Limits a spec must keep beyond the fixed rules of contracts.md §1.</summary>
public sealed class SpecParserOptions
{
    /// <summary>A spec with more combinations is refused (Rendering:MaxCombinations).</summary>
    public long MaxCombinations { get; init; } = 1_000_000;

    /// <summary>A canvas with more pixels is refused (Rendering:MaxImagePixels): each render slot holds a few canvases.</summary>
    public long MaxImagePixels { get; init; } = RenderingOptions.DefaultMaxImagePixels;

    /// <summary>The limits of a silo's or the CLI's <c>Rendering</c> section.</summary>
    public static SpecParserOptions For(RenderingOptions rendering) =>
        new() { MaxCombinations = rendering.MaxCombinations, MaxImagePixels = rendering.MaxImagePixels };
}
