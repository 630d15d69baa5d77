using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Schedules;

public sealed partial class ScheduleGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Trophy} set to '{Cron}'; next rebuild {NextRun}")]
    private static partial void LogScheduled(ILogger logger, string trophy, string cron, string nextRun);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule of {Trophy} removed")]
    private static partial void LogRemoved(ILogger logger, string trophy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled rebuild of {Trophy} (due {DueAt}) runs as job {JobId}; next rebuild {NextRun}")]
    private static partial void LogRebuildStarted(ILogger logger, string trophy, string dueAt, string jobId, string nextRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled rebuild of {Trophy} could not start; trying again in a minute")]
    private static partial void LogRebuildFailed(ILogger logger, Exception exception, string trophy);
}
