using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// A job's end: the timer stops, the end is logged, stored and told to the index. The log says it once per job: one
/// line with the final counts, and one per distinct failure with the number of combinations it failed, never a line
/// per combination. Storing is tried again (by the reminder) until it succeeds, without logging the end again.
/// </summary>
public sealed partial class JobEnd(JobLedger ledger, JobStore store, JobKeepAlive keepAlive, JobIndexLink index, string jobId, ILogger logger)
{
    private bool announced;

    /// <summary>Called when the ledger has just ended the job; a second call only stores.</summary>
    public async Task AnnounceAsync()
    {
        keepAlive.StopTicking();
        if (!announced)
        {
            announced = true;
            var s = ledger.State;
            LogJobFinished(logger, jobId, s.Status, s.Done, s.Skipped, s.Failed, s.Total);
            foreach (var failure in s.Errors.Take(JobLedger.SnapshotErrors))
            {
                LogFailures(logger, jobId, failure.Count, failure.Message, failure.Key);
            }
        }

        await StoreAsync();
    }

    public async Task StoreAsync()
    {
        await store.SaveAsync();
        await index.TellAsync(ledger.State);

        // Until the end is stored, the reminder stays to retry the save.
        if (store.IsSaved)
        {
            await keepAlive.StopAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Status}: rendered {Done}, skipped {Skipped}, failed {Failed} of {Total}")]
    private static partial void LogJobFinished(ILogger logger, string jobId, JobState status, long done, long skipped, long failed, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Count} combinations failed: {Message} (first {Key})")]
    private static partial void LogFailures(ILogger logger, string jobId, int count, string message, string key);
}
