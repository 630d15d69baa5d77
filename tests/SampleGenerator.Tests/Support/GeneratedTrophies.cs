using K2Orleans.SampleGenerator.Cli;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>
/// Runs the generator once per test run (samples and bench, about ten seconds together) into a temp
/// folder that the tests in <see cref="GeneratedCollection"/> share.
/// </summary>
public sealed class GeneratedTrophies : IDisposable
{
    private readonly TempFolder folder = new();

    public GeneratedTrophies()
    {
        Samples = Path.Combine(folder.Path, "samples");
        Bench = Path.Combine(folder.Path, "bench");
        Run("samples", Samples);
        Run("bench", Bench);
    }

    public string Samples { get; }

    public string Bench { get; }

    public static IReadOnlyList<string> SampleSlugs { get; } = ["classic-cup", "grand-prix"];

    public static IReadOnlyList<string> BenchSlugs { get; } = ["bench-900", "scale-128k"];

    public void Dispose() => folder.Dispose();

    private static void Run(string command, string target)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = GeneratorCommand.Run([command, target], Directory.GetCurrentDirectory(), output, error);
        if (exit != GeneratorCommand.Success)
        {
            throw new InvalidOperationException($"generator {command} exited {exit}: {error}");
        }
    }
}
