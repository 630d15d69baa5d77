using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// A job's word to the job index, which lists jobs for the status socket and k2 jobs. A word that does not arrive
/// is logged and not repeated: the index asks the job itself before it trusts an unfinished entry.
/// </summary>
public sealed partial class JobIndexLink(IGrainFactory grains, string jobId, ILogger logger)
{
    public async Task TellAsync(TrophyJobState state)
    {
        try
        {
            await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).UpdateAsync(jobId, state.Request!.Spec.Slug, state.Status, state.FinishedAt);
        }
        catch (Exception e)
        {
            LogTellFailed(logger, e, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: the job index could not be told")]
    private static partial void LogTellFailed(ILogger logger, Exception exception, string jobId);
}
