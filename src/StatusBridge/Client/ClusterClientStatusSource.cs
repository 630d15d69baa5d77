using K2Orleans.Hosting;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace K2Orleans.StatusBridge.Client;

/// <summary>
/// The standalone bridge's source: an Orleans client connected on first need and again after a failed connect,
/// so the bridge starts (and answers <c>"running":false</c>) while the cluster is down, and notices it coming back.
/// Once connected, Orleans' own gateway refresh follows silos that stop and start.
/// </summary>
public sealed class ClusterClientStatusSource(K2ClusterOptions cluster) : IStatusSource, IDisposable
{
    private readonly SemaphoreSlim connecting = new(1, 1);
    private IHost? host;

    // One source per connection, so its cache of known job ids outlives a single request.
    private OrleansStatusSource? source;

    public async Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken)
    {
        if (await ConnectAsync(cancellationToken) is not { } source)
        {
            return ClusterSnapshot.Down;
        }

        try
        {
            return await source.GetClusterAsync(cancellationToken);
        }
        catch (Exception) when (host?.Services.GetService<ConnectedGateways>() is { NoneLeft: true })
        {
            // Not degraded: no gateway is left to answer, so no silo does (contracts.md §3: running:false).
            return ClusterSnapshot.Down;
        }
    }

    public async Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        await ConnectAsync(cancellationToken) is { } source
            ? await source.GetJobAsync(jobId, cancellationToken)
            : throw new InvalidOperationException("the cluster is not reachable");

    public void Dispose()
    {
        host?.Dispose();
        connecting.Dispose();
    }

    private async Task<OrleansStatusSource?> ConnectAsync(CancellationToken cancellationToken)
    {
        if (source is null)
        {
            await connecting.WaitAsync(cancellationToken);
            try
            {
                host ??= await K2ClusterClient.TryConnectAsync(cluster, connectAttempts: 1, cancellationToken);
                source ??= host is null ? null : new OrleansStatusSource(
                    host.Client(), database: cluster.IsMySql ? new MembershipDatabaseProbe(cluster.ConnectionString) : null);
            }
            finally
            {
                connecting.Release();
            }
        }

        return source;
    }
}
