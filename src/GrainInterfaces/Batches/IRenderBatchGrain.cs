using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Batches;

/// <summary>Renders one index range on the silo it is placed on; key <c>batch:&lt;job id&gt;/&lt;index&gt;</c>.</summary>
[Alias("k2.IRenderBatchGrain")]
public interface IRenderBatchGrain : IGrainWithStringKey
{
    /// <summary>Queues the work behind the silo's render gate and returns; the result is reported to the job.</summary>
    [Alias("Start")]
    Task StartAsync(BatchWork work);

    /// <summary>Which attempt this activation runs and whether it is still going.</summary>
    [Alias("GetPhase")]
    Task<(BatchPhase Phase, int Attempt)> GetPhaseAsync();

    /// <summary>Stops after the image being rendered; files stay whole.</summary>
    [Alias("Cancel")]
    Task CancelAsync();

    /// <summary>
    /// Stops after the image being rendered and answers, within <paramref name="grace"/>, with what this activation's
    /// run wrote (the report it also sends the job); null when nothing ran here or it did not stop in time.
    /// </summary>
    [Alias("Stop")]
    Task<BatchReport?> StopAsync(TimeSpan grace);
}
