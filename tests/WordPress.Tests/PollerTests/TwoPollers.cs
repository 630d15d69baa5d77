using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>
/// Two pollers overlapping on one cluster (as two activations would during a membership hiccup): the poller grain and
/// a second <see cref="WordPressPoller"/> polling the same database at the same pace. Only the atomic claim keeps them
/// from building one request twice.
/// </summary>
public sealed class TwoPollers(TwoPollers.Fixture fixture) : IClassFixture<TwoPollers.Fixture>
{
    private const int Rounds = 20;

    [Fact]
    public async Task ShouldNeverBuildOneRequestTwiceInTwentyRounds()
    {
        var site = fixture.Site;
        var posts = new List<(long Post, string Slug)>();
        for (var round = 1; round <= Rounds; round++)
        {
            var slug = $"duel-{round:00}";
            posts.Add((await site.CreateTrophyAsync($"Duel {round}", TrophySpecs.Tiny(slug).ToJsonString()), slug));
        }

        using var stop = new CancellationTokenSource();
        var second = Task.Run(() => fixture.PollUntilAsync(stop.Token));
        try
        {
            foreach (var (post, slug) in posts)
            {
                await site.PressAsync(post, "build");
                await site.WaitForAsync(post, m => m.Status is "completed" or "failed", TimeSpan.FromMinutes(1), $"{slug} finished");
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        var polls = await second;
        var jobs = await fixture.Daemon.JobsAsync();
        foreach (var (post, slug) in posts)
        {
            var meta = await site.MetaAsync(post);
            Assert.Equal("completed", meta.Status);
            Assert.Equal([meta.Job!], jobs.Where(id => id.StartsWith(slug + "-", StringComparison.Ordinal)));
            Assert.Equal((2L, 0L), (meta.Count("done"), meta.Count("skipped")));
        }

        Assert.Equal(Rounds, jobs.Length);
        Assert.True(polls > Rounds, $"the second poller polled only {polls} times");
        Assert.True((await fixture.Daemon.Poller.GetStatusAsync()).Polls > Rounds, "the poller grain polled");
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);

        public WordPressSite Site { get; private set; } = null!;

        public DaemonCluster Daemon { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Site = await WordPressSite.CreateAsync();
            Daemon = await DaemonCluster.StartAsync(Site, silos: 1, renderLimit: 1, new Dictionary<string, string?>
            {
                ["PollInterval"] = Pace.ToString(),
                ["ProgressInterval"] = Pace.ToString(),
            });
        }

        /// <summary>Polls as the grain does until stopped; returns how many polls it made. A failed poll fails the test.</summary>
        public async Task<int> PollUntilAsync(CancellationToken stop)
        {
            var options = new WordPressOptions { Enabled = true, ConnectionString = Site.DaemonConnectionString, TablePrefix = WordPressSite.TablePrefix };
            var poller = new WordPressPoller(
                new WordPressDatabase(options),
                new WordPressSpecReader(Site.AssetRoot, WordPressBuildRules.From(options, new RenderingOptions()), new LayerStore(new RenderingOptions())),
                Daemon.Grains,
                options,
                Site.OutputRoot,
                TimeProvider.System,
                NullLogger<WordPressPoller>.Instance);
            var polls = 0;
            while (!stop.IsCancellationRequested)
            {
                await poller.PollAsync(CancellationToken.None);
                polls++;
                try
                {
                    await Task.Delay(Pace, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return polls;
        }

        public async Task DisposeAsync()
        {
            if (Daemon is not null)
            {
                await Daemon.DisposeAsync();
            }

            if (Site is not null)
            {
                await Site.DisposeAsync();
            }
        }
    }
}
