namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>Where a job is in its life; the wire names are the lower-case member names.</summary>
[GenerateSerializer, Alias("k2.JobState")]
public enum JobState
{
    Queued = 0,
    Running = 1,
    Paused = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}
