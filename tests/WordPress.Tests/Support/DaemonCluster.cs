using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.WordPress;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.WordPress;
using K2Orleans.TestSupport;
using K2Orleans.TestSupport.Clusters;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// The daemon side: an in-process Orleans cluster with the real grains and renderer and the WordPress poller,
/// registered through <c>AddK2WordPress</c> from configuration as the silo host does, polling a <see cref="WordPressSite"/>.
/// </summary>
public sealed class DaemonCluster : IAsyncDisposable
{
    private readonly InProcessCluster cluster;

    private DaemonCluster(InProcessCluster cluster) => this.cluster = cluster;

    public InProcessTestCluster Cluster => cluster.Cluster;

    public IGrainFactory Grains => cluster.Grains;

    public IWordPressPollerGrain Poller => Grains.GetGrain<IWordPressPollerGrain>(IWordPressPollerGrain.Key);

    /// <param name="settings">WordPress section values that replace the test defaults (key without the section).</param>
    /// <param name="reminders">A MySQL database with the Orleans schema for reminders that outlive a silo; null keeps them in memory.</param>
    /// <param name="rendering">Changes to the silos' Rendering section (e.g. a lower limit than WordPress's ceilings).</param>
    public static async Task<DaemonCluster> StartAsync(
        WordPressSite site, short silos = 1, int renderLimit = 2, IDictionary<string, string?>? settings = null, string? reminders = null,
        Action<RenderingOptions>? rendering = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["ConnectionString"] = site.DaemonConnectionString,
            ["TablePrefix"] = WordPressSite.TablePrefix,
            ["PollInterval"] = "00:00:00.200",
            ["ProgressInterval"] = "00:00:00.500",
            ["AssetRoot"] = site.AssetRoot,
            ["OutputRoot"] = site.OutputRoot,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{WordPressOptions.SectionName}:{v.Key}", v.Value)))
            .Build();
        return new DaemonCluster(await InProcessCluster.StartAsync(new InProcessClusterOptions
        {
            Silos = silos,
            MySqlReminders = reminders,
            FastJobs = true,
            Rendering = o =>
            {
                o.MaxConcurrentRenders = renderLimit;
                rendering?.Invoke(o);
            },
            ConfigureSilo = silo => silo.AddK2WordPress(configuration),
        }));
    }

    public ITrophyJobGrain Job(string jobId) => cluster.Job(jobId);

    /// <summary>Every job this cluster started in the last day.</summary>
    public Task<ImmutableArray<string>> JobsAsync() => cluster.Index.ListRecentAsync();

    /// <summary>Waits until the poller has finished <paramref name="more"/> polls after now, so what it saw is settled.</summary>
    public async Task<PollerStatus> WaitForPollsAsync(int more, TimeSpan timeout)
    {
        var start = (await Poller.GetStatusAsync()).Polls;
        return await WaitFor.ValueAsync($"{more} more WordPress polls", Poller.GetStatusAsync, s => s.Polls >= start + more, timeout);
    }

    public async ValueTask DisposeAsync() => await cluster.DisposeAsync();
}
