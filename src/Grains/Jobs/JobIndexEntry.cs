
namespace K2Orleans.Grains.Jobs;

/// <summary>One job as the index knows it.</summary>
[GenerateSerializer, Immutable, Alias("k2.JobIndexEntry")]
public sealed record JobIndexEntry(string Trophy, JobState Status, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status.IsFinished();
}
