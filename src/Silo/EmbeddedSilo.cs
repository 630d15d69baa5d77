using System.Net;
using System.Net.Sockets;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Storage;
using K2Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo;

/// <summary>
/// A private single-silo cluster inside the calling process, for <c>k2 render</c>: free loopback ports (so it never
/// collides with a daemon on the same host), state in memory, no dashboard, no status socket.
/// </summary>
public static class EmbeddedSilo
{
    /// <param name="preload">The spec about to be rendered: its layers are decoded while the silo starts.</param>
    public static async Task<IHost> StartAsync(RenderingOptions rendering, TrophySpec? preload, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        var settings = new K2SiloSettings(
            new K2ClusterOptions { SiloPort = FreePort(), GatewayPort = FreePort(), ClusterId = $"k2-render-{Environment.ProcessId}" },
            new K2SiloClusterOptions(),
            new StorageOptions { Provider = "Memory" },
            rendering,
            new JobOptions { TickInterval = TimeSpan.FromMilliseconds(100) },
            new K2DashboardOptions { Enabled = false },
            new WordPressOptions { Enabled = false });
        builder.AddK2Silo(settings);
        var host = builder.Build();
        var layers = preload is null ? Task.CompletedTask : Task.Run(() => host.Services.GetRequiredService<LayerStore>().Preload(preload), cancellation);
        await host.StartAsync(cancellation);
        await layers;
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
