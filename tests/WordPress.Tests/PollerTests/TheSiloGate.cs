using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>
/// The silo checks every job request itself, the poller's too: a trophy within WordPress's ceilings but over the
/// silo's own limit fails at once with the silo's reason, instead of being handed back and retried forever.
/// </summary>
public sealed class TheSiloGate : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private WordPressSite site = null!;
    private DaemonCluster daemon = null!;

    public async Task InitializeAsync()
    {
        site = await WordPressSite.CreateAsync();
        daemon = await DaemonCluster.StartAsync(site, rendering: o => o.MaxImagePixels = 100);
    }

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        await site.DisposeAsync();
    }

    [Fact]
    public async Task ShouldFailABuildTheSiloRefusesNamingTheSilosRule()
    {
        const string slug = "gate-cup";
        var post = await site.CreateTrophyAsync("Gate cup", TrophySpecs.Tiny(slug).ToJsonString());

        await site.PressAsync(post, "build");
        var meta = await site.WaitForAsync(post, m => m.Status is not ("requested" or "queued"), Timeout, "the daemon's verdict");

        Assert.Equal("failed", meta.Status);
        Assert.Contains("Rendering:MaxImagePixels", meta.Error, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(meta.Job), meta.ToString());
        Assert.Empty(await daemon.JobsAsync());
        Assert.False(Directory.Exists(Path.Combine(site.OutputRoot, slug)), "nothing rendered");
    }
}
