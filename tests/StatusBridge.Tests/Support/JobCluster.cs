using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains;
using Orleans.TestingHost;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>An in-process one-silo cluster with the real grains and state in memory; nothing renders unless asked to.</summary>
internal sealed class JobCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster cluster;

    private JobCluster(InProcessTestCluster cluster) => this.cluster = cluster;

    public IGrainFactory Grains => cluster.Client;

    public IJobIndexGrain Index => Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key);

    public static async Task<JobCluster> StartAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddK2Grains();
            silo.AddMemoryGrainStorage(K2Storage.Name);
            silo.UseInMemoryReminderService();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new JobCluster(cluster);
    }

    /// <summary>Job grains active in the cluster now: each one cost a storage read and stays in memory for a while.</summary>
    public async Task<int> ActiveJobGrainsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("TrophyJobGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}
