using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>A job's progress as the status socket reports it (contracts.md §3).</summary>
/// <param name="Done">Rendered by this job.</param>
/// <param name="Skipped">Already up to date.</param>
/// <param name="Failed">Gave up after retries.</param>
/// <param name="RatePerSecond">Recent rate (images per second, rendered and skipped); null until measured.</param>
/// <param name="EtaSeconds">Null while unknown, 0 once finished.</param>
/// <param name="Errors">At most 20, oldest first.</param>
[GenerateSerializer, Immutable, Alias("k2.JobSnapshot")]
public sealed record JobSnapshot(
    string Id,
    string Trophy,
    JobState Status,
    long Total,
    long Done,
    long Skipped,
    long Failed,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double ElapsedSeconds,
    double? RatePerSecond,
    double? EtaSeconds,
    ImmutableArray<CombinationError> Errors,
    BatchCounts Batches)
{
    /// <summary>Always total − done − skipped − failed.</summary>
    public long Remaining => Total - Done - Skipped - Failed;

    public bool IsFinished => Status.IsFinished();
}
