using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.GrainInterfaces.WordPress;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// The real status bridge server (src/StatusBridge) answering from a cluster snapshot the test sets, including what
/// the daemon says of its WordPress poller (the STATUS answer's <c>wordpress</c> field, contracts.md §3).
/// </summary>
public sealed class FakeBridge : IAsyncDisposable, IStatusSource
{
    private readonly IHost host;

    private FakeBridge(Func<FakeBridge, IHost> build) => host = build(this);

    public ClusterSnapshot Cluster { get; set; } = ClusterSnapshot.Down;

    /// <summary>What the daemon says about its WordPress poller; null leaves the field out, as a daemon older than it does.</summary>
    public PollerHealth? WordPress { get; set; }

    /// <summary>Where PHP connects.</summary>
    public int Port => host.Services.GetRequiredService<StatusServer>().TcpEndpoint!.Port;

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
        return bridge;
    }

    public Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken) => Task.FromResult(Cluster with
    {
        WordPress = WordPress is { } poller ? new PollerStatus("fake", poller.Enabled, 1, poller.LastPollAt, poller.LastError) : null,
    });

    public Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        Task.FromResult(Cluster.Jobs.FirstOrDefault(j => j.Id == jobId));

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
