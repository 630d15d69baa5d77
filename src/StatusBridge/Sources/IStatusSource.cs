using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Where the bridge gets cluster and job state (the Orleans-backed one lives with the host).
/// Implementations may be slow, hang or throw: the bridge bounds every call with its own timeout.
/// </summary>
public interface IStatusSource
{
    /// <summary>Silos plus unfinished jobs and those finished in the last 24 hours.</summary>
    Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken);

    /// <summary>One job with its recent errors and batch counts; null when no job has that id.</summary>
    Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken);
}
