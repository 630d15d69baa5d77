namespace K2Orleans.Bench.Harness.Suite;

/// <summary>What <see cref="TimedProcess"/> runs and where its streams and its time report go (no error file: with the output).</summary>
internal sealed record TimedCommand(IReadOnlyList<string> Arguments, string OutputFile, string? ErrorFile, string TimeFile)
{
    public string? InputFile { get; init; }

    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
