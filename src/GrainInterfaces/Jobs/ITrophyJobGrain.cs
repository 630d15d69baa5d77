namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>One build of one trophy; key <c>job:&lt;job id&gt;</c>. Every call returns quickly: batches report back.</summary>
[Alias("k2.ITrophyJobGrain")]
public interface ITrophyJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// The grain key of a job. The prefix matters: Orleans' ADO.NET storage reads an all-hex key as a number
    /// (so "020235" and "20235" would share a row), and a prefixed key is never hex-only.
    /// </summary>
    public static string KeyOf(string jobId) => "job:" + jobId;

    /// <summary>Plans the batches and starts dispatching; a second call returns the job as it stands.</summary>
    [Alias("Start")]
    Task<JobSnapshot> StartAsync(JobRequest request);

    /// <summary>Counts, rate, ETA, recent errors and batch counts.</summary>
    [Alias("GetStatus")]
    Task<JobSnapshot?> GetStatusAsync();

    /// <summary>Stops dispatching and cancels in-flight batches; terminal.</summary>
    [Alias("Cancel")]
    Task<JobSnapshot?> CancelAsync();

    /// <summary>Stops dispatching; in-flight batches finish.</summary>
    [Alias("Pause")]
    Task<JobSnapshot?> PauseAsync();

    /// <summary>Dispatches again after a pause.</summary>
    [Alias("Resume")]
    Task<JobSnapshot?> ResumeAsync();

    /// <summary>Makes sure an unfinished job is dispatching (after a restart or a lost activation).</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();

    /// <summary>A batch's result; a report for a batch or attempt already settled is ignored.</summary>
    [Alias("ReportBatch")]
    Task ReportBatchAsync(BatchReport report);
}
