namespace K2Orleans.TestSupport;

/// <summary>
/// The folders test silos allow (Rendering:OutputRoots and Rendering:AssetRoots): the system temp folder, where
/// tests write, and the repository, whose samples they render. Tests of the allow-lists themselves set their own.
/// </summary>
public static class TestRoots
{
    public static string Temp => Path.TrimEndingDirectorySeparator(Path.GetTempPath());

    public static IReadOnlyList<string> Outputs => [Temp];

    public static IReadOnlyList<string> Assets => [SampleSpec.RepositoryRoot, Temp];

    /// <summary>Adds the test roots to in-process options' <c>OutputRoots</c> and <c>AssetRoots</c>.</summary>
    public static void Allow(List<string> outputRoots, List<string> assetRoots)
    {
        outputRoots.AddRange(Outputs);
        assetRoots.AddRange(Assets);
    }

    /// <summary>The same as K2__ environment variables for a silo process.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Environment() =>
        Outputs.Select((root, i) => KeyValuePair.Create($"K2__Rendering__OutputRoots__{i}", root))
            .Concat(Assets.Select((root, i) => KeyValuePair.Create($"K2__Rendering__AssetRoots__{i}", root)));
}
