using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Rendering;
using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;
using Orleans.TestingHost;

namespace K2Orleans.Engine.Tests.Support;

/// <summary>An in-process Orleans cluster running the real grains and renderer, with state in a SQLite file.</summary>
public sealed class EngineCluster : IAsyncDisposable
{
    private EngineCluster(InProcessTestCluster cluster, string folder)
    {
        Cluster = cluster;
        Folder = folder;
    }

    public InProcessTestCluster Cluster { get; }

    public string Folder { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <param name="reminderClock">The clock of the reminders (and of the schedules they drive); null for the real one.</param>
    /// <param name="logs">Also receives every silo's log records.</param>
    public static async Task<EngineCluster> StartAsync(short silos, int renderLimit, TimeProvider? reminderClock = null, ILoggerProvider? logs = null)
    {
        var folder = Directory.CreateTempSubdirectory("k2-engine-").FullName;
        var storage = new StorageOptions { Provider = "Sqlite", SqlitePath = Path.Combine(folder, "state.db") };
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddK2Grains();
            silo.AddK2Storage(storage, "");
            silo.UseInMemoryReminderService();
            if (logs is not null)
            {
                silo.Services.AddSingleton(logs);
            }

            if (reminderClock is not null)
            {
                silo.Services.AddKeyedSingleton(ReminderTimeProviderNames.Reminders, reminderClock);
            }

            silo.Services.Configure<RenderingOptions>(o =>
            {
                o.MaxConcurrentRenders = renderLimit;
                TestRoots.Allow(o.OutputRoots, o.AssetRoots);
            });
            silo.Services.Configure<JobOptions>(o =>
            {
                o.TickInterval = TimeSpan.FromMilliseconds(100);
                o.LivenessInterval = TimeSpan.FromSeconds(1);
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new EngineCluster(cluster, folder);
    }

    public async Task<SiloRenderStats[]> StatsAsync() => await Task.WhenAll(Cluster.GetActiveSilos().Select(silo =>
        Grains.GetGrain<ISiloStatsGrain>(LocalSiloPlacementDirector.KeyOf(silo.SiloAddress)).GetStatsAsync()));

    public ITrophyJobGrain Job(string jobId) => Grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId));

    public async Task<JobSnapshot> WaitForAsync(string jobId, Func<JobSnapshot, bool> condition, TimeSpan timeout, Action<JobSnapshot>? onEach = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await Job(jobId).GetStatusAsync() ?? throw new InvalidOperationException($"job {jobId} unknown");
            onEach?.Invoke(snapshot);
            if (condition(snapshot))
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"job {jobId} still {snapshot.Status} {snapshot.Done}+{snapshot.Skipped}+{snapshot.Failed}/{snapshot.Total} after {timeout}");
            }

            await Task.Delay(50);
        }
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
}
