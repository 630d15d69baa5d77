using K2Orleans.GrainInterfaces.Schedules;
using K2Orleans.Grains.Jobs;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Startup;

/// <summary>
/// When a silo starts, unfinished jobs are woken from stored state and every schedule's reminder is registered again.
/// Reminders do the same in production, but the embedded mode keeps reminders in memory, so after a restart nothing
/// else would remember the jobs or tick the schedules; with stored reminders this only moves a schedule's next tick.
/// </summary>
public sealed partial class ResumeStartupTask(IGrainFactory grains, ILogger<ResumeStartupTask> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        // Not awaited: a slow database must not hold the silo's start-up. Jobs and schedules are woken apart, so the
        // failure of one leaves the other to run; failures are logged and the reminders retry.
        _ = Task.Run(() => Task.WhenAll(ResumeJobsAsync(), ResumeSchedulesAsync()), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeJobsAsync()
    {
        try
        {
            var unfinished = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).ListUnfinishedAsync();
            foreach (var jobId in unfinished)
            {
                await grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId)).EnsureRunningAsync();
                LogResumed(logger, jobId);
            }
        }
        catch (Exception e)
        {
            LogResumeFailed(logger, e);
        }
    }

    private async Task ResumeSchedulesAsync()
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
            LogSchedulesFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed after start-up")]
    private static partial void LogResumed(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming unfinished jobs failed; their reminders will retry")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the rebuild schedules failed; they run again after the next start")]
    private static partial void LogSchedulesFailed(ILogger logger, Exception exception);
}
