
namespace K2Orleans.Grains.WordPress;

/// <summary>The daemon's side of the status flags of contracts.md §4, without a database or a cluster.</summary>
public static class BuildTransitions
{
    /// <param name="status">The post's status: queued, running or cancel_requested.</param>
    /// <param name="jobId">The post's job id; empty when no job was started for this request yet.</param>
    /// <param name="job">That job as the cluster knows it; null when the cluster does not know it.</param>
    public static BuildStep Decide(string status, string jobId, JobSnapshot? job)
    {
        if (status is not (BuildStatus.Queued or BuildStatus.Running or BuildStatus.CancelRequested))
        {
            throw new ArgumentException($"'{status}' is not a status of a claimed build", nameof(status));
        }

        if (jobId.Length == 0)
        {
            return status == BuildStatus.CancelRequested ? BuildStep.CancelUnstarted : BuildStep.AwaitJob;
        }

        if (job is null)
        {
            return BuildStep.FailLostJob;
        }

        if (job.IsFinished)
        {
            // A cancel that came too late changes nothing: the post tells what the job really did.
            return BuildStep.Finish;
        }

        return status switch
        {
            BuildStatus.CancelRequested => BuildStep.Cancel,
            BuildStatus.Queued => BuildStep.MarkRunning,
            _ => BuildStep.Refresh,
        };
    }
}
