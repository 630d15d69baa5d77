using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// The real status bridge server (src/StatusBridge) answering from a cluster snapshot the test sets, plus the STATUS
/// answer's <c>wordpress</c> field (contracts.md §3) the test sets. The bridge is gaining that field in issue I (its own
/// change); until the snapshot carries it, this fake adds it on the wire, between the real server and PHP, in exactly
/// the contract's shape. <see cref="Port"/> is that front door; everything else passes through unchanged.
/// </summary>
public sealed class FakeBridge : IAsyncDisposable, IStatusSource
{
    private readonly IHost host;
    private readonly TcpListener front = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private Task accepting = Task.CompletedTask;

    private FakeBridge(Func<FakeBridge, IHost> build) => host = build(this);

    public ClusterSnapshot Cluster { get; set; } = ClusterSnapshot.Down;

    /// <summary>What the daemon says about its WordPress poller; null leaves the field out, as a daemon older than it does.</summary>
    public PollerHealth? WordPress { get; set; }

    /// <summary>Where PHP connects.</summary>
    public int Port => ((IPEndPoint)front.LocalEndpoint).Port;

    private int ServerPort => host.Services.GetRequiredService<StatusServer>().TcpEndpoint!.Port;

    public static async Task<FakeBridge> StartAsync(ClusterSnapshot cluster, PollerHealth? wordpress = null)
    {
        var bridge = new FakeBridge(self =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StatusBridge:TcpEndpoint"] = "127.0.0.1:0",
                ["StatusBridge:RefreshInterval"] = "00:00:00.050",
            });
            builder.Services.AddSingleton<IStatusSource>(self);
            builder.Services.AddStatusBridge(builder.Configuration);
            return builder.Build();
        })
        { Cluster = cluster, WordPress = wordpress };
        await bridge.host.StartAsync();
        bridge.front.Start();
        bridge.accepting = bridge.AcceptAsync();
        return bridge;
    }

    public Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken) => Task.FromResult(Cluster);

    public Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(Cluster.Jobs.FirstOrDefault(j => j.Id == jobId));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        front.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped while waiting for a connection.
        }

        await host.StopAsync();
        host.Dispose();
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await front.AcceptTcpClientAsync(stopping.Token);
            _ = RelayAsync(client);
        }
    }

    /// <summary>One request line to the real server, its answer line back, with the field added to STATUS answers.</summary>
    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, ServerPort, stopping.Token);
            using var fromClient = new StreamReader(client.GetStream(), Encoding.UTF8);
            using var fromServer = new StreamReader(server.GetStream(), Encoding.UTF8);
            while (await fromClient.ReadLineAsync(stopping.Token) is { } request)
            {
                await server.GetStream().WriteAsync(Encoding.UTF8.GetBytes(request + "\n"), stopping.Token);
                if (await fromServer.ReadLineAsync(stopping.Token) is not { } answer)
                {
                    return;
                }

                if (request.Trim().Equals("STATUS", StringComparison.OrdinalIgnoreCase) && WordPress is { } wordpress)
                {
                    var json = JsonNode.Parse(answer)!.AsObject();
                    json["wordpress"] = wordpress.ToJson();
                    answer = json.ToJsonString();
                }

                await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(answer + "\n"), stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The page closed its connection, or the test ended.
        }
    }
}
