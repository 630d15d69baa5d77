using K2Orleans.GrainInterfaces.WordPress;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// Wakes the WordPress poller when a silo starts, so polling begins at once instead of at the reminder's first tick
/// (which never comes on a brand-new cluster, where nobody has registered it yet).
/// </summary>
public sealed partial class WordPressPollerStartupTask(IGrainFactory grains, ILogger<WordPressPollerStartupTask> logger) : IStartupTask
{
    private const int Attempts = 5;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    public Task Execute(CancellationToken cancellationToken)
    {
        // Not awaited: a slow WordPress database must not hold up the silo's start.
        _ = Task.Run(WakeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task WakeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<IWordPressPollerGrain>(IWordPressPollerGrain.Key).EnsurePollingAsync();
                return;
            }
            catch (Exception e) when (attempt < Attempts)
            {
                LogWakeRetry(logger, e, attempt);
                await Task.Delay(Pause, CancellationToken.None);
            }
            catch (Exception e)
            {
                LogWakeFailed(logger, e);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking the WordPress poller failed (attempt {Attempt}); trying again")]
    private static partial void LogWakeRetry(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the WordPress poller failed; its reminder or the next silo start will")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
