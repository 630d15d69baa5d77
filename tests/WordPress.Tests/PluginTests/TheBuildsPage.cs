using K2Orleans.TestSupport;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>Trophies > K2 Builds rendered by PHP, with the status bridge up, up without a cluster, and down.</summary>
public sealed class TheBuildsPage(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private const string SavedProgress = """{"total":900,"done":300,"skipped":20,"failed":0,"eta_s":61.5,"updated_at":"2026-11-28T21:10:30Z"}""";

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldShowLiveFiguresFromTheBridge()
    {
        var (post, jobId) = await RunningTrophyAsync("page-live");
        var job = new JobSnapshot(jobId, "page-live", JobState.Running, 900, 450, 10, 1, DateTimeOffset.UtcNow.AddSeconds(-3725), null,
            3725.4, 14.94, 29.9, [], new BatchCounts(9, 4, 2));
        var other = job with { Id = "cli-cup-20261128T211000Z", Trophy = "cli-cup" };
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true,
            [new SiloSnapshot("10.0.0.5:11111", "active", 2, 2), new SiloSnapshot("10.0.0.6:11111", "active", 1, 2)], [job, other]));
        await Site.SetBridgeAsync(bridge.Port);

        var html = await Site.RunAsync("render-builds-page");

        var row = Row(html, post);
        // This bridge answers without the "wordpress" field, as a daemon older than it does: nothing is promised.
        Assert.Contains("data-state=\"unknown\">Renderer running on 2 servers, 3 of 4 render slots busy. This daemon does not report whether it polls WordPress.", html, StringComparison.Ordinal);
        Assert.Contains("data-source=\"live\"", row, StringComparison.Ordinal);
        Assert.Contains("<td class=\"status\">Running", row, StringComparison.Ordinal);
        Assert.Contains("<progress class=\"k2tb-progress\" max=\"100\" value=\"51.2\"></progress>", row, StringComparison.Ordinal);
        HtmlAssert.HasCells(row, ("elapsed", "1h 02m 05s"), ("eta", "30s"), ("left", "439"), ("rate", "14.9 images/s"), ("failed", "1"));
        Assert.Contains("value=\"cancel\" class=\"button \">Cancel</button>", row, StringComparison.Ordinal);
        Assert.Contains("value=\"build\" class=\"button button-primary\" disabled>", row, StringComparison.Ordinal);
        Assert.Contains("<tr data-job=\"cli-cup-20261128T211000Z\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFallBackToSavedProgressWhenTheBridgeIsDown()
    {
        var (post, _) = await RunningTrophyAsync("page-down");
        await Site.SetBridgeAsync(ClosedPort.Find());

        var html = await Site.RunAsync("render-builds-page");

        var row = Row(html, post);
        Assert.Contains("data-state=\"unreachable\">The status bridge is not answering (K2 status daemon not reachable at tcp://127.0.0.1:", html, StringComparison.Ordinal);
        Assert.Contains("data-source=\"saved\"", row, StringComparison.Ordinal);
        Assert.Contains("value=\"35.6\"></progress>", row, StringComparison.Ordinal);
        HtmlAssert.HasCells(row, ("eta", "1m 02s"), ("left", "580"), ("elapsed", "\u2014"), ("source", "saved 2026-11-28T21:10:30Z"));
    }

    [Fact]
    public async Task ShouldSayTheRendererIsNotRunningWhenTheBridgeAnswersWithoutACluster()
    {
        var (post, _) = await RunningTrophyAsync("page-stopped");
        await using var bridge = await FakeBridge.StartAsync(ClusterSnapshot.Down);
        await Site.SetBridgeAsync(bridge.Port);

        var html = await Site.RunAsync("render-builds-page");

        Assert.Contains("data-state=\"stopped\">The renderer is not running", html, StringComparison.Ordinal);
        Assert.Contains("data-source=\"saved\"", Row(html, post), StringComparison.Ordinal);
    }

    private async Task<(long Post, string JobId)> RunningTrophyAsync(string slug)
    {
        var post = await Site.CreateTrophyAsync($"Trophy {slug}", TrophySpecs.Tiny(slug).ToJsonString());
        var jobId = $"{slug}-20261128T211000Z";
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", "running");
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_job", jobId);
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_progress", SavedProgress);
        return (post, jobId);
    }

    private static string Row(string html, long post)
    {
        var start = html.IndexOf($"<tr data-post=\"{post}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for post {post}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
