using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Hosting;

/// <summary>Runs the status socket inside any host (a silo or the standalone bridge).</summary>
public sealed partial class StatusBridgeService(
    StatusServer server,
    ClusterSnapshotCache cache,
    IOptions<StatusBridgeOptions> options,
    ILogger<StatusBridgeService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        // Bind here rather than in ExecuteAsync so that a port in use fails the host's start with a clear message.
        server.Start();
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await server.StopAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => cache.RunAsync(stoppingToken);
}
