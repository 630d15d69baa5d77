using K2Orleans.GrainInterfaces.Schedules;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Schedules;

/// <summary>
/// When a silo starts, every schedule's reminder is registered again: the embedded mode keeps reminders in memory,
/// so after a restart nothing else would tick. With stored reminders this only moves the next tick.
/// </summary>
public sealed partial class ScheduleResumeStartupTask(IGrainFactory grains, ILogger<ScheduleResumeStartupTask> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        // Not awaited: a slow database must not hold the silo's start-up.
        _ = Task.Run(ResumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
    {
        try
        {
            foreach (var slug in await grains.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.Key).ListAsync())
            {
                await grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(slug)).EnsureRunningAsync();
            }
        }
        catch (Exception e)
        {
            LogResumeFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the rebuild schedules failed; they run again after the next start")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
