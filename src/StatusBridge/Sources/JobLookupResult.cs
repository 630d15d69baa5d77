using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>What a guarded JOB lookup found: the job, no such job, or why the source could not say.</summary>
public sealed record JobLookupResult(JobSnapshot? Job, string? UnavailableReason)
{
    public static JobLookupResult NotFound { get; } = new(null, null);

    public static JobLookupResult Found(JobSnapshot job) => new(job, null);

    public static JobLookupResult Unavailable(string reason) => new(null, reason);
}
