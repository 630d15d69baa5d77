using K2Orleans.GrainInterfaces.Batches;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// A job's calls to its batches: sending work, asking in-flight batches whether they still run, telling them to
/// stop. A batch that cannot be reached is lost, and the ledger sends it again; no failed call stops the job.
/// </summary>
public sealed partial class JobBatches(IGrainFactory grains, string jobId, JobLedger ledger, ILogger logger)
{
    private DateTimeOffset nextLivenessCheck;
    private int window = 1;

    /// <summary>Sends pending batches until the window is full; true when any was sent.</summary>
    public async Task<bool> DispatchAsync(DateTimeOffset now)
    {
        var taken = ledger.TakeForDispatch(window, now);
        foreach (var (batch, attempt, range) in taken)
        {
            var work = new BatchWork(jobId, batch, attempt, range, ledger.State.Request!);
            try
            {
                await Batch(batch).StartAsync(work);
            }
            catch (Exception e)
            {
                LogDispatchFailed(logger, e, jobId, batch);
                ledger.MarkLost(batch, now);
            }
        }

        return taken.Count > 0;
    }

    /// <summary>
    /// At most once per <paramref name="age"/>, asks batches in flight for at least that long whether they still run;
    /// true when any was lost.
    /// </summary>
    public async Task<bool> FindLostAsync(TimeSpan age, DateTimeOffset now)
    {
        if (now < nextLivenessCheck)
        {
            return false;
        }

        nextLivenessCheck = now + age;
        var suspects = ledger.InFlightOlderThan(age, now).ToArray();
        var phases = await Task.WhenAll(suspects.Select(async batch =>
        {
            try
            {
                var (phase, _) = await Batch(batch).GetPhaseAsync();
                return (batch, lost: phase == BatchPhase.Idle);
            }
            catch (Exception e)
            {
                LogLivenessFailed(logger, e, jobId, batch);
                return (batch, lost: true);
            }
        }));
        var lost = phases.Where(p => p.lost).Select(p => p.batch).ToArray();
        foreach (var batch in lost)
        {
            LogBatchLost(logger, jobId, batch);
            ledger.MarkLost(batch, now);
        }

        return lost.Length > 0;
    }

    /// <summary>Tells <paramref name="batches"/> to stop after their current image; one that cannot be told runs out.</summary>
    public Task StopAsync(IEnumerable<int> batches) => Task.WhenAll(batches.Select(async batch =>
    {
        try
        {
            await Batch(batch).CancelAsync();
        }
        catch (Exception e)
        {
            LogStopFailed(logger, e, jobId, batch);
        }
    }));

    /// <summary>Sizes the window, the batches kept in flight: <paramref name="perSilo"/> for each active silo.</summary>
    public async Task SizeWindowAsync(int perSilo)
    {
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        window = Math.Max(1, silos) * perSilo;
    }

    private IRenderBatchGrain Batch(int batch) => grains.GetGrain<IRenderBatchGrain>(JobKeys.Batch(jobId, batch));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} could not be dispatched; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: liveness check of batch {BatchIndex} failed")]
    private static partial void LogLivenessFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} was lost (its silo stopped); sending it again")]
    private static partial void LogBatchLost(ILogger logger, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} could not be told to stop")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string jobId, int batchIndex);
}
