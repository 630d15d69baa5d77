using System.Diagnostics;
using System.Reflection;
using K2Orleans.Silo.Configuration;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Logging;

/// <summary>
/// The daemon's own start and stop lines, the first and last an operator reads in syslog: started once every hosted
/// service (silo, status socket, dashboard) runs, stopping before any of them stops, stopped after all have.
/// </summary>
/// <param name="statusBridge">The status socket's options; null when the silo serves none.</param>
public sealed partial class SiloLifetimeLog(K2SiloSettings settings, IOptions<StatusBridgeOptions>? statusBridge, ILogger<SiloLifetimeLog> logger)
    : IHostedLifecycleService
{
    private readonly Stopwatch uptime = new();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        uptime.Start();
        var cluster = settings.Cluster;
        LogStarted(
            logger,
            Version,
            cluster.JoinsPrimary ? $"{cluster.Mode}, joined the silo on 127.0.0.1:{cluster.PrimarySiloPort}" : cluster.Mode,
            cluster.SiloPort,
            cluster.GatewayPort,
            DescribeStorage(),
            settings.Rendering.MaxConcurrentRenders,
            DescribeStatusSocket(),
            settings.Dashboard.Enabled ? settings.Dashboard.Url : "off");
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogStopping(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogStopped(logger, Math.Round(uptime.Elapsed.TotalSeconds, 1));
        return Task.CompletedTask;
    }

    private static string Version =>
        typeof(SiloLifetimeLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private string DescribeStorage() => settings.Storage.Provider switch
    {
        "Sqlite" => $"Sqlite {Path.GetFullPath(settings.Storage.SqlitePath)}",
        var provider => provider,
    };

    // Read when started, not when built: by then the options have been validated, so reading them cannot throw.
    private string DescribeStatusSocket()
    {
        if (statusBridge?.Value is not { Enabled: true } bridge)
        {
            return "off";
        }

        return string.Join(" and ", new[] { bridge.TcpEndpoint, bridge.UnixSocketPath }.Where(e => e.Length > 0));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "K2Orleans silo started: version {Version}, mode {Mode}, silo port {SiloPort}, gateway port {GatewayPort}, storage {Storage}, render limit {RenderLimit}, status socket {StatusSocket}, dashboard {Dashboard}")]
    private static partial void LogStarted(ILogger logger, string version, string mode, int siloPort, int gatewayPort, string storage, int renderLimit, string statusSocket, string dashboard);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "K2Orleans silo stopping: no new batches start here; renders in flight stop and their batches go back to their jobs")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "K2Orleans silo stopped after {UptimeSeconds} s")]
    private static partial void LogStopped(ILogger logger, double uptimeSeconds);
}
