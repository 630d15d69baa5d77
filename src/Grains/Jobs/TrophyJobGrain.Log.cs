using K2Orleans.GrainInterfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

public sealed partial class TrophyJobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started for {Trophy}: {Total} combinations in {Batches} batches")]
    private static partial void LogJobStarted(ILogger logger, string jobId, string trophy, long total, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} {Status}: rendered {Done}, skipped {Skipped}, failed {Failed} of {Total}")]
    private static partial void LogJobFinished(ILogger logger, string jobId, JobState status, long done, long skipped, long failed, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} could not be dispatched; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: liveness check of batch {BatchIndex} failed")]
    private static partial void LogLivenessFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} was lost (its silo stopped); sending it again")]
    private static partial void LogBatchLost(ILogger logger, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: saving progress failed; will retry")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: reminder could not be changed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a call to another grain failed")]
    private static partial void LogCallFailed(ILogger logger, Exception exception, string jobId);
}
