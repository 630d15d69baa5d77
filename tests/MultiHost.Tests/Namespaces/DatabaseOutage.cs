using System.Diagnostics;
using System.Text.Json;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// Watches every silo's status socket while the database host is cut off: every answer must say the cluster runs, list
/// the job with counts that add up, and by the end every silo must say it is degraded, at least one because of the
/// database. What it saw is kept for the figures.
/// </summary>
internal sealed class DatabaseOutage(MySqlCluster cluster, string jobId)
{
    private readonly Dictionary<Daemon, string?> lastReason = [];
    private bool databaseNamed;
    private long firstProcessed = -1;
    private long lastProcessed = -1;

    public int Answers { get; private set; }

    public TimeSpan? DegradedAfter { get; private set; }

    public string Progress => $"{Math.Max(0, lastProcessed - firstProcessed)} (from {firstProcessed} to {lastProcessed} processed)";

    /// <summary>Samples every silo's STATUS until <paramref name="length"/> has passed since the call.</summary>
    public async Task WatchAsync(TimeSpan length)
    {
        var clock = Stopwatch.StartNew();
        await WaitFor.ConditionAsync($"the database outage to last {length.TotalSeconds:0} s", () =>
        {
            foreach (var silo in cluster.Silos)
            {
                var answer = silo.Ask("STATUS");
                Assert.True(answer is not null, $"the status socket of the silo on {silo.Host?.Address} did not answer while the database was cut off");
                Check(silo, answer.RootElement, clock.Elapsed);
            }

            return clock.Elapsed >= length;
        }, length + TimeSpan.FromMinutes(1));

        Assert.True(DegradedAfter is not null, "no silo's STATUS said degraded while the database was cut off");
        Assert.All(cluster.Silos, silo => Assert.True(lastReason[silo] is not null, $"the silo on {silo.Host?.Address} was not degraded at the end of the cut"));

        // A silo whose job grain is stuck saving its state answers "did not answer within 2 s" instead: degraded, and true.
        // Which reason a silo gives at the very end depends on where its reads were stuck then, so the database must have
        // been named by some silo at some point of the cut.
        Assert.True(databaseNamed, $"no silo's degraded reason named the database during the cut; at the end: {ReasonsAtEnd}");
    }

    /// <summary>Each silo's degraded reason at the end of the cut.</summary>
    public string ReasonsAtEnd => string.Join(" | ", lastReason.Values.Select(r => r?.Split(" (")[0]));

    private const string MembershipUnreachable = "the membership database is unreachable";

    private void Check(Daemon silo, JsonElement status, TimeSpan elapsed)
    {
        Answers++;
        Assert.True(status.GetProperty("running").GetBoolean(), $"running:false while only the database was cut off: {status}");
        var job = status.GetProperty("jobs").EnumerateArray().SingleOrDefault(j => j.GetProperty("id").GetString() == jobId);
        Assert.True(job.ValueKind == JsonValueKind.Object, $"the job is missing from the status while the database was cut off: {status}");
        long Count(string name) => job.GetProperty(name).GetInt64();
        Assert.Equal(Count("total"), Count("done") + Count("skipped") + Count("failed") + Count("remaining"));
        var processed = Count("total") - Count("remaining");
        firstProcessed = firstProcessed < 0 ? processed : firstProcessed;
        lastProcessed = Math.Max(lastProcessed, processed);

        var reason = status.TryGetProperty("degraded", out var degraded) ? degraded.GetString() : null;
        lastReason[silo] = reason;
        databaseNamed |= reason?.Contains(MembershipUnreachable, StringComparison.Ordinal) == true;
        if (reason is not null && DegradedAfter is null)
        {
            DegradedAfter = elapsed;
        }
    }
}
