using K2Orleans.TestSupport;
using Xunit.Abstractions;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// The measured times of the namespace suite: each goes to the test's output and is appended to
/// <c>artifacts/test-results/namespace-failover.txt</c>. They are reported, never asserted as tight bounds.
/// </summary>
public sealed class FailoverFigures
{
    public static string ResultsFile => Path.Combine(SampleSpec.RepositoryRoot, "artifacts", "test-results", "namespace-failover.txt");

    /// <summary>The job's own wall time (elapsed_s) in the undisturbed run, once that test has run.</summary>
    public double? UndisturbedSeconds { get; set; }

    public void Write(ITestOutputHelper output, string test, string figure)
    {
        output.WriteLine(figure);
        Directory.CreateDirectory(Path.GetDirectoryName(ResultsFile)!);
        File.AppendAllText(ResultsFile, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {test}: {figure}{Environment.NewLine}");
    }

    /// <summary>"X s (undisturbed Y s, ×R)" when the undisturbed run is known, else "X s".</summary>
    public string AgainstUndisturbed(double seconds) => UndisturbedSeconds is { } calm
        ? $"{seconds:0.0} s against {calm:0.0} s undisturbed (x{seconds / calm:0.00})"
        : $"{seconds:0.0} s (the undisturbed run has not run in this process)";
}
