using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// What keeps a running job going: a timer that ticks it while the activation lives, and a one-minute reminder
/// that brings the activation back when it is lost (its silo died). A reminder that cannot be changed is logged:
/// the timer still runs, and the next change tries again.
/// </summary>
public sealed partial class JobKeepAlive(
    IGrainBase grain, Func<CancellationToken, Task> tick, TimeSpan tickInterval, string jobId, RunningJobs running, ILogger logger)
{
    private const string ReminderName = "keep-running";
    private IGrainTimer? timer;

    public async Task StartAsync()
    {
        timer ??= grain.RegisterGrainTimer(tick, new GrainTimerCreationOptions(TimeSpan.Zero, tickInterval) { KeepAlive = true });
        running.Started(jobId);
        try
        {
            await grain.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception e)
        {
            LogReminderFailed(logger, e, jobId);
        }
    }

    /// <summary>The job ended, or its activation does: the timer goes, and this silo no longer counts it as running.</summary>
    public void StopTicking()
    {
        timer?.Dispose();
        timer = null;
        running.Stopped(jobId);
    }

    /// <summary>Called once the job's end is stored: nothing needs to wake it any more.</summary>
    public async Task StopAsync()
    {
        StopTicking();
        try
        {
            if (await grain.GetReminder(ReminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            LogReminderFailed(logger, e, jobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: reminder could not be changed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string jobId);
}
