namespace K2Orleans.Bench.Harness.Suite;

/// <summary>How a helper command ended and what it printed.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
