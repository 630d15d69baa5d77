using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Batches;

public sealed partial class RenderBatchGrain
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} attempt {Attempt} started: {Count} combinations")]
    private static partial void LogBatchStarted(ILogger logger, string jobId, int batchIndex, int attempt, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} finished: rendered {Rendered}, skipped {Skipped}, failed {Failed}")]
    private static partial void LogBatchFinished(ILogger logger, string jobId, int batchIndex, int rendered, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {JobId}/{BatchIndex} could not run")]
    private static partial void LogBatchCrashed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} stopped by the shutdown of the last silo; its job hands it back itself")]
    private static partial void LogLeftToJob(ILogger logger, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {JobId}/{BatchIndex} did not stop within {GraceSeconds} s; what it writes from now on is not counted")]
    private static partial void LogStopSlow(ILogger logger, string jobId, int batchIndex, double graceSeconds);
}
