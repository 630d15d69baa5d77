using System.Net;
using System.Net.Sockets;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Storage;
using K2Orleans.StatusBridge.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo;

/// <summary>
/// A private single-silo cluster inside the calling process, for <c>k2 render</c>: free loopback ports (so it never
/// collides with a daemon on the same host), state in memory, no dashboard, no status socket.
/// </summary>
public static class EmbeddedSilo
{
    public static async Task<IHost> StartAsync(RenderingOptions rendering, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        var settings = new K2SiloSettings(
            new K2ClusterOptions { SiloPort = FreePort(), GatewayPort = FreePort(), ClusterId = $"k2-render-{Environment.ProcessId}" },
            new StorageOptions { Provider = "Memory" },
            rendering,
            new JobOptions { TickInterval = TimeSpan.FromMilliseconds(100) },
            new K2DashboardOptions { Enabled = false },
            new WordPressOptions { Enabled = false });
        builder.AddK2Silo(settings);
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
