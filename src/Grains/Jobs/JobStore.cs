using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Stores the job's state when its ledger has changes memory holds and storage does not. <see cref="SaveAsync"/> never
/// throws: a failed write is logged and made again by the next save, so a database outage slows a job down, it does
/// not stop it.
/// </summary>
public sealed partial class JobStore(IPersistentState<TrophyJobState> state, JobLedger ledger, string jobId, ILogger logger)
{
    /// <summary>True when the last change is stored.</summary>
    public bool IsSaved => !ledger.HasUnsavedChanges;

    /// <summary>Writes now and throws when it cannot: for a start, which must not be reported before it is stored.</summary>
    public async Task WriteAsync()
    {
        await state.WriteStateAsync();
        ledger.Saved();
    }

    public async Task SaveAsync()
    {
        if (IsSaved)
        {
            return;
        }

        try
        {
            await WriteAsync();
        }
        catch (Exception e)
        {
            LogSaveFailed(logger, e, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: saving progress failed; will retry")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string jobId);
}
