using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>Test data builders.</summary>
public static class Some
{
    public static JobSnapshot Job(JobState status = JobState.Running, long total = 50, long done = 20, long skipped = 5, long failed = 0, double? eta = 12.34, int errors = 0) =>
        new("cup-20261128T211000Z", "cup", status, total, done, skipped, failed, DateTimeOffset.UnixEpoch, null, 10, 2.5, eta,
            [.. Enumerable.Range(0, errors).Select(i => new CombinationError($"key-{i}", $"layer {i} unreadable"))],
            new BatchCounts(7, 3, 2));
}
