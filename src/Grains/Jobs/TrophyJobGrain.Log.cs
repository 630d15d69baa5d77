using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

public sealed partial class TrophyJobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started for {Trophy}: {Total} combinations in {Batches} batches")]
    private static partial void LogJobStarted(ILogger logger, string jobId, string trophy, long total, int batches);
}
