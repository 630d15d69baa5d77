namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>What a <see cref="JobState"/> means for the job's life, said once for the ledger, the index and the status.</summary>
public static class JobStates
{
    /// <summary>Completed, failed or cancelled: the end is final, nothing changes the job's counts any more.</summary>
    public static bool IsFinished(this JobState state) => state is JobState.Completed or JobState.Failed or JobState.Cancelled;
}
