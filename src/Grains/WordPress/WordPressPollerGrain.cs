using K2Orleans.GrainInterfaces.WordPress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// Runs the cluster's one WordPress poller: being a single grain, at most one activation polls at a time. A timer
/// polls; a one-minute reminder reactivates the grain on a surviving silo when its silo dies, and each silo's
/// start-up wakes it so polling begins without waiting for the reminder. Should two activations ever overlap, the
/// atomic claim in the database still keeps a request from being built twice.
/// </summary>
public sealed partial class WordPressPollerGrain(
    IOptions<WordPressOptions> options,
    IServiceProvider services,
    TimeProvider time,
    ILogger<WordPressPollerGrain> logger) : Grain, IWordPressPollerGrain, IRemindable
{
    private const string ReminderName = "keep-polling";
    private WordPressPoller? poller;
    private IGrainTimer? timer;
    private TimeSpan period;
    private bool reminderRegistered;
    private long polls;
    private DateTimeOffset? lastPollAt;
    private string? lastError;

    private WordPressOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => EnsurePollingAsync();

    public async Task EnsurePollingAsync()
    {
        if (!Options.Enabled)
        {
            // Left over from when it was enabled: stop the reminder from waking this grain every minute. The activation
            // stays (idle collection removes it): the status bridge asks it every second whether WordPress is polled,
            // and deactivating here would bounce each of those calls.
            await ForgetReminderAsync();
            return;
        }

        // Resolved only when enabled: a silo with WordPress off needs no usable WordPress settings.
        poller ??= services.GetRequiredService<WordPressPoller>();
        if (timer is null)
        {
            period = Options.PollInterval;
            timer = this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(TimeSpan.Zero, period) { KeepAlive = true });
            LogPollingStarted(logger, RuntimeIdentity, Options.PollInterval);
        }

        if (!reminderRegistered)
        {
            try
            {
                await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                reminderRegistered = true;
            }
            catch (Exception e)
            {
                // Polling goes on; the next wake-up tries again.
                LogReminderFailed(logger, e);
            }
        }
    }

    public Task<PollerStatus> GetStatusAsync() =>
        Task.FromResult(new PollerStatus(RuntimeIdentity, Options.Enabled, polls, lastPollAt, lastError));

    public Task ReceiveReminder(string reminderName, TickStatus status) => EnsurePollingAsync();

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var underWay = 0;
        try
        {
            underWay = await poller!.PollAsync(cancellationToken);
            lastError = null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Typically the WordPress database is away; the next tick tries again and the silo carries on.
            lastError = e.Message;
            LogPollFailed(logger, e);
        }

        polls++;
        lastPollAt = time.GetUtcNow();

        // While builds run, look more often: progress is due every ProgressInterval and a cancel should act soon.
        var wanted = underWay > 0 && Options.ProgressInterval < Options.PollInterval ? Options.ProgressInterval : Options.PollInterval;
        if (wanted != period)
        {
            period = wanted;
            timer!.Change(period, period);
        }
    }

    private async Task ForgetReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            LogReminderFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "WordPress poller started on {Silo}, polling every {Interval}")]
    private static partial void LogPollingStarted(ILogger logger, string silo, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress poll failed; trying again on the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress poller: the keep-alive reminder could not be changed")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);
}
