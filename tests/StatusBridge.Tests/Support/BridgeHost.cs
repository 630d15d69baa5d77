using System.Net;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>A real host running the bridge through <c>AddStatusBridge</c>, on an ephemeral TCP port unless told otherwise.</summary>
internal sealed class BridgeHost : IAsyncDisposable
{
    private readonly IHost host;

    private BridgeHost(IHost host, CollectingLoggerProvider logs)
    {
        this.host = host;
        Logs = logs;
    }

    public CollectingLoggerProvider Logs { get; }

    public StatusServer Server => host.Services.GetRequiredService<StatusServer>();

    public IPEndPoint Tcp => Server.TcpEndpoint ?? throw new InvalidOperationException("TCP is not enabled");

    public static IHost Build(IStatusSource source, IDictionary<string, string?> settings, CollectingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusBridge:TcpEndpoint"] = "127.0.0.1:0",
            ["StatusBridge:RefreshInterval"] = "00:00:00.050",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddSingleton(source);
        builder.Services.AddStatusBridge(builder.Configuration);
        return builder.Build();
    }

    public static async Task<BridgeHost> StartAsync(IStatusSource source, params (string Key, string Value)[] settings)
    {
        var logs = new CollectingLoggerProvider();
        var dictionary = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
        {
            dictionary[$"StatusBridge:{key}"] = value; // later settings win
        }

        var host = Build(source, dictionary, logs);
        await host.StartAsync();
        return new BridgeHost(host, logs);
    }

    public Task<LineClient> ConnectAsync(IPAddress? from = null) => LineClient.ConnectAsync(Tcp, from);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
