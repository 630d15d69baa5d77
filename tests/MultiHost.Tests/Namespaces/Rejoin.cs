using System.Diagnostics;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// A silo whose link came back after it was declared dead: it must learn so from the membership table and stop (its
/// old generation stays dead), and started again, as systemd would, join as a new generation.
/// </summary>
internal sealed class Rejoin(MySqlCluster cluster, Daemon silo, int oldGeneration)
{
    private const string LearnedDead = "I should be Dead according to the membership table";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The silo's output up to its stop (starting it again replaces its output).</summary>
    public string Log { get; private set; } = "";

    /// <summary>Waits for both steps and describes how long each took.</summary>
    public async Task<string> AwaitAsync()
    {
        var clock = Stopwatch.StartNew();
        await cluster.WaitAsync("the restored silo to learn it was declared dead and stop", () => !silo.IsRunning, Timeout);
        var stopped = clock.Elapsed;
        var exitCode = silo.Process.ExitCode;
        // Orleans' own words when a silo reads its row as dead, before it stops itself (Environment.FailFast: exit 134).
        var learned = silo.Output.Split('\n').FirstOrDefault(l => l.Contains(LearnedDead, StringComparison.Ordinal));
        Assert.True(learned is not null, $"the silo stopped without saying it found itself dead (exit {exitCode}): {silo.Output[^Math.Min(4000, silo.Output.Length)..]}");
        Log = silo.Output;

        silo.Start();
        await cluster.WaitAsync(
            "the restarted silo to be active as a new generation",
            async () => (await cluster.MembersAsync()).Any(r => r.Port == silo.SiloPort && r.Generation > oldGeneration && r.Status == MemberRow.Active),
            Timeout);
        await silo.WaitUntilRunningAsync();
        return $"it stopped {stopped.TotalSeconds:0.0} s later (exit {exitCode}, after logging \"{LearnedDead}\") and, started again, was active " +
            $"{(clock.Elapsed - stopped).TotalSeconds:0.0} s after that";
    }
}
