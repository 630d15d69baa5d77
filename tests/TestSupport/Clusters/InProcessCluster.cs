using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Placement;
using K2Orleans.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace K2Orleans.TestSupport.Clusters;

/// <summary>An in-process Orleans cluster running the real grains (and renderer), configured per test project.</summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private InProcessCluster(InProcessTestCluster cluster, string folder)
    {
        Cluster = cluster;
        Folder = folder;
    }

    public InProcessTestCluster Cluster { get; }

    /// <summary>A temporary folder of the cluster's own (state file, output), removed on dispose.</summary>
    public string Folder { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IJobIndexGrain Index => Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key);

    public static async Task<InProcessCluster> StartAsync(InProcessClusterOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("k2-cluster-").FullName;
        var builder = new InProcessTestClusterBuilder(options.Silos);
        builder.ConfigureSilo((_, silo) => Configure(silo, options, folder));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new InProcessCluster(cluster, folder);
    }

    public ITrophyJobGrain Job(string jobId) => Grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId));

    public async Task<SiloRenderStats[]> StatsAsync() => await Task.WhenAll(Cluster.GetActiveSilos().Select(silo =>
        Grains.GetGrain<ISiloStatsGrain>(LocalSiloPlacementDirector.KeyOf(silo.SiloAddress)).GetStatsAsync()));

    /// <summary>Polls the job's status until it meets the condition; <paramref name="onEach"/> sees every snapshot.</summary>
    public Task<JobSnapshot> WaitForJobAsync(string jobId, Func<JobSnapshot, bool> condition, TimeSpan timeout, Action<JobSnapshot>? onEach = null) =>
        WaitFor.ValueAsync(
            $"job {jobId}",
            async () => await Job(jobId).GetStatusAsync() ?? throw new InvalidOperationException($"job {jobId} unknown"),
            condition,
            timeout,
            s => $"{s.Status} {s.Done}+{s.Skipped}+{s.Failed}/{s.Total}",
            onEach);

    /// <summary>Job grains active in the cluster now: each one cost a storage read and stays in memory for a while.</summary>
    public async Task<int> ActiveJobGrainsAsync()
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains("TrophyJobGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a silo killed mid-write may still hold the database file.
        }
    }

    private static void Configure(ISiloBuilder silo, InProcessClusterOptions options, string folder)
    {
        silo.AddK2Grains();
        if (options.SqliteState)
        {
            silo.AddK2Storage(new StorageOptions { Provider = "Sqlite", SqlitePath = Path.Combine(folder, "state.db") }, "");
        }
        else
        {
            silo.AddMemoryGrainStorage(K2Storage.Name);
        }

        if (options.MySqlReminders is { } reminders)
        {
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (MySqlSchemaInstaller.AdoNetInvariant, reminders));
        }
        else
        {
            silo.UseInMemoryReminderService();
        }

        if (options.ReminderClock is { } clock)
        {
            silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, clock);
        }

        if (options.Logs is { } logs)
        {
            silo.Services.AddSingleton(logs);
        }

        if (options.Rendering is { } rendering)
        {
            silo.Services.Configure(rendering);
        }

        if (options.FastJobs)
        {
            silo.Services.Configure<JobOptions>(o =>
            {
                o.TickInterval = TimeSpan.FromMilliseconds(100);
                o.LivenessInterval = TimeSpan.FromSeconds(1);
            });
        }

        options.ConfigureSilo?.Invoke(silo);
    }
}
