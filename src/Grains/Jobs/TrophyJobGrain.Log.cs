using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

public sealed partial class TrophyJobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started for {Trophy}: {Total} combinations in {Batches} batches")]
    private static partial void LogJobStarted(ILogger logger, string jobId, string trophy, long total, int batches);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Job {JobId} is deactivated here ({Reason}): its {Count} batches in flight go back to pending and are sent again by its next activation")]
    private static partial void LogHandedBack(ILogger logger, string jobId, DeactivationReasonCode reason, int count);
}
