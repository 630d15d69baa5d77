using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The job's stored state and whether memory is ahead of it. <see cref="SaveAsync"/> never throws: a failed write is
/// logged and made again by the next save, so a database outage slows a job down, it does not stop it.
/// </summary>
public sealed partial class JobStore(IPersistentState<TrophyJobState> state, string jobId, ILogger logger)
{
    private bool dirty;

    public TrophyJobState State => state.State;

    /// <summary>True when the last change is stored.</summary>
    public bool IsSaved => !dirty;

    public void Changed(bool changed = true) => dirty |= changed;

    /// <summary>Writes now and throws when it cannot: for a start, which must not be reported before it is stored.</summary>
    public async Task WriteAsync()
    {
        await state.WriteStateAsync();
        dirty = false;
    }

    public async Task SaveAsync()
    {
        if (!dirty)
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
