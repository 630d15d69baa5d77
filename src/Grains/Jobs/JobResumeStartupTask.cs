using K2Orleans.GrainInterfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// When a silo starts, unfinished jobs are woken from stored state. Reminders do the same in production, but the
/// embedded mode keeps reminders in memory, so after a restart nothing else would remember the jobs.
/// </summary>
public sealed partial class JobResumeStartupTask(IGrainFactory grains, ILogger<JobResumeStartupTask> logger) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken)
    {
        // Not awaited: a slow database must not hold the silo's start-up; failures are logged and the reminder retries.
        _ = Task.Run(ResumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ResumeAsync()
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} resumed after start-up")]
    private static partial void LogResumed(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resuming unfinished jobs failed; their reminders will retry")]
    private static partial void LogResumeFailed(ILogger logger, Exception exception);
}
