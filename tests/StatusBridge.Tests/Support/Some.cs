using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>Test data builders.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 22, 10, 0, TimeSpan.FromHours(1));

    public static JobSnapshot Job(
        string id = "classic-cup-20261128T211000Z",
        string trophy = "classic-cup",
        JobState status = JobState.Running,
        long total = 900,
        long done = 450,
        long skipped = 0,
        long failed = 1,
        double elapsed = 30.2,
        double? rate = 14.9,
        double? eta = 29.9,
        int errors = 1,
        DateTimeOffset? finishedAt = null) =>
        new(id, trophy, status, total, done, skipped, failed, Start, finishedAt, elapsed, rate, eta,
            [.. Enumerable.Range(0, errors).Select(i => new CombinationError($"key-{i}", $"layer {i} unreadable"))],
            new BatchCounts(9, 4, 2));

    public static SiloSnapshot Silo(string address = "10.0.0.5:11111") => new(address, "active", 2, 2);

    public static ClusterSnapshot Cluster(params JobSnapshot[] jobs) => new(true, [Silo()], [.. jobs]);

    public static ImmutableArray<JobSnapshot> Jobs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Job(id: $"classic-cup-{i}"))];
}
