using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Systemd;

public static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Runs as a systemd service: readiness and stopping notices (AddSystemd, a no-op outside
    /// systemd) plus the watchdog keep-alive when the unit sets WatchdogSec.
    /// </summary>
    public static IServiceCollection AddK2Systemd(this IServiceCollection services)
    {
        services.AddSystemd();
        var timeout = SystemdWatchdog.TimeoutFromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId);
        if (timeout is { } watchdogTimeout)
        {
            services.AddSingleton<IHostedService>(provider => new SystemdWatchdog(
                provider.GetService<ISystemdNotifier>() ?? new SystemdNotifier(),
                watchdogTimeout,
                provider.GetRequiredService<ILogger<SystemdWatchdog>>()));
        }

        return services;
    }
}
