namespace K2Orleans.Grains.WordPress;

/// <summary>What the poller does for a claimed build on one poll (decided by <see cref="BuildTransitions"/>).</summary>
public enum BuildStep
{
    /// <summary>The job runs and the post still says queued: move it to running.</summary>
    MarkRunning,

    /// <summary>The job runs: refresh the progress.</summary>
    Refresh,

    /// <summary>The editor asked to cancel a running job: cancel it, then end the post cancelled.</summary>
    Cancel,

    /// <summary>The job has finished: give the post the job's end.</summary>
    Finish,

    /// <summary>The post names a job the cluster does not know (its state was lost): fail the post.</summary>
    FailLostJob,

    /// <summary>Claimed but no job yet: another poller is starting it, or died doing so.</summary>
    AwaitJob,

    /// <summary>Cancel asked before any job was started: end the post cancelled once no poller is starting one.</summary>
    CancelUnstarted,
}
