using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Reads status from the cluster with a handful of cheap grain calls: the active silos (management grain), each
/// silo's render gate, and the jobs the index lists. Works inside a silo and from an external client alike.
/// </summary>
public sealed class OrleansStatusSource(IGrainFactory grains) : IStatusSource
{
    public async Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken)
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var silos = await Task.WhenAll(hosts.Select(async host =>
        {
            var status = host.Value.ToString().ToLowerInvariant();
            try
            {
                var stats = await grains.GetGrain<ISiloStatsGrain>(ISiloStatsGrain.KeyOf(host.Key.ToParsableString())).GetStatsAsync();
                return new SiloSnapshot(host.Key.Endpoint.ToString(), status, stats.Active, stats.Limit, stats.OnRequest);
            }
            catch (Exception)
            {
                // A silo that joined a moment ago (or is going) is listed without figures rather than failing the page.
                return new SiloSnapshot(host.Key.Endpoint.ToString(), status, 0, 0);
            }
        }));
        var jobIds = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).ListRecentAsync();
        var jobs = await Task.WhenAll(jobIds.Select(id => GetJobAsync(id, cancellationToken)));
        return new ClusterSnapshot(silos.Length > 0, [.. silos.OrderBy(s => s.Address, StringComparer.Ordinal)], [.. jobs.OfType<JobSnapshot>()]);
    }

    public Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        grains.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf(jobId)).GetStatusAsync();
}
