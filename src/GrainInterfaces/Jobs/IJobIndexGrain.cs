using System.Collections.Immutable;
using Orleans.Concurrency;

namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>The cluster's list of jobs (key <c>index:jobs</c>): starts jobs without building one trophy twice.</summary>
[Alias("k2.IJobIndexGrain")]
public interface IJobIndexGrain : IGrainWithStringKey
{
    public const string Key = "index:jobs";

    /// <summary>Starts a job for the request's trophy, or returns the unfinished job that trophy already has.</summary>
    [Alias("StartOrGet")]
    Task<JobSnapshot> StartOrGetAsync(JobRequest request);

    /// <summary>Ids of unfinished jobs and of jobs finished in the last 24 hours, oldest first.</summary>
    [Alias("ListRecent")]
    Task<ImmutableArray<string>> ListRecentAsync();

    /// <summary>Ids of every job the index keeps (unfinished, or finished in the last 7 days), in no order.</summary>
    [Alias("ListKnown")]
    Task<ImmutableArray<string>> ListKnownAsync();

    /// <summary>Ids of jobs that have not finished.</summary>
    [Alias("ListUnfinished")]
    Task<ImmutableArray<string>> ListUnfinishedAsync();

    /// <summary>A job tells the index its new status; interleaves so a job can report while the index waits on it.</summary>
    [AlwaysInterleave, Alias("Update")]
    Task UpdateAsync(string jobId, string trophy, JobState status, DateTimeOffset? finishedAt);
}
