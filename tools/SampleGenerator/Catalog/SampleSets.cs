using K2Orleans.SampleGenerator.Corpus;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>The trophies each command writes.</summary>
internal static class SampleSets
{
    /// <summary>Committed under samples/.</summary>
    public static IReadOnlyList<TrophyDefinition> Samples() => [ClassicCup.Build(), GrandPrix.Build()];

    /// <summary>Written on demand for benchmarks; never committed.</summary>
    public static IReadOnlyList<TrophyDefinition> Bench() => [Bench900.Build(), Scale128k.Build()];

    /// <summary>Written on demand for bench/scale.sh; never committed.</summary>
    public static IReadOnlyList<TrophyDefinition> Headline() => [Headline128k.Build()];

    /// <summary>Written on demand for bench/corpus.sh: one trophy per kind of content; never committed.</summary>
    public static IReadOnlyList<TrophyDefinition> Corpus() => CorpusTrophies.Build();
}
