using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Systemd;

/// <summary>
/// Sends systemd's watchdog keep-alive (WATCHDOG=1) at half the unit's WatchdogSec. A process
/// whose thread pool is starved or whose host has hung stops sending, and systemd restarts it.
/// Microsoft.Extensions.Hosting.Systemd reports readiness and stopping but not this.
/// </summary>
public sealed partial class SystemdWatchdog : BackgroundService
{
    private static readonly ServiceState KeepAlive = new("WATCHDOG=1");

    private readonly ISystemdNotifier notifier;
    private readonly TimeSpan pingInterval;
    private readonly ILogger<SystemdWatchdog> logger;

    public SystemdWatchdog(ISystemdNotifier notifier, TimeSpan watchdogTimeout, ILogger<SystemdWatchdog> logger)
    {
        this.notifier = notifier;
        pingInterval = watchdogTimeout / 2;
        this.logger = logger;
    }

    /// <summary>
    /// The unit's watchdog timeout from WATCHDOG_USEC, or null when systemd does not watch this
    /// process (not set, not a positive number, or WATCHDOG_PID names another process).
    /// </summary>
    public static TimeSpan? TimeoutFromEnvironment(Func<string, string?> environment, int processId)
    {
        if (!long.TryParse(environment("WATCHDOG_USEC"), out var microseconds) || microseconds <= 0)
        {
            return null;
        }

        var pid = environment("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return null;
        }

        return TimeSpan.FromMicroseconds(microseconds);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.IsEnabled)
        {
            return;
        }

        LogEnabled(logger, pingInterval.TotalSeconds);
        using var timer = new PeriodicTimer(pingInterval);
        do
        {
            notifier.Notify(KeepAlive);
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "systemd watchdog enabled: keep-alive every {IntervalSeconds} s")]
    private static partial void LogEnabled(ILogger logger, double intervalSeconds);
}
