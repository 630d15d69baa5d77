using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>
/// Issue I: what K2 Builds says must be true. Other jobs holds only jobs no trophy names; a build that has ended shows
/// no ETA; a build finished with failures says so in its headline; the renderer's health (the STATUS "wordpress"
/// field, the bridge being down) is said plainly and a request is promised a quick pick-up only when the daemon polls
/// without error.
/// </summary>
public sealed class TheBuildsPageTruths(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private const string AccessDenied = "Access denied for user 'k2orleans'@'localhost' (using password: YES)";
    private const string WithinSeconds = "within seconds";

    private static readonly SiloSnapshot Silo = new("10.0.0.5:11111", "active", 0, 2);

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldListUnderOtherJobsOnlyJobsNoTrophyNamesNewestFirstAndAtMostTwenty()
    {
        var post = await Site.CreateTrophyAsync("Own jobs", TrophySpecs.Tiny("truth-own").ToJsonString());
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", "completed");
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_job", "truth-own-20261203T100000Z");
        var current = Job("truth-own-20261203T100000Z", "truth-own", JobState.Completed, hoursAgo: 1);
        var earlier = Job("truth-own-20261203T080000Z", "truth-own", JobState.Completed, hoursAgo: 3);
        var strays = Enumerable.Range(1, 25).Select(i => Job($"cli-{i:00}-x", $"cli-{i:00}", JobState.Completed, hoursAgo: i)).ToList();
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [Silo], [current, earlier, .. strays]));
        await Site.SetBridgeAsync(bridge.Port);

        var html = await Site.RunAsync("render-builds-page");

        var others = Section(html, "<table class=\"widefat striped k2tb-other-jobs\">");
        Assert.DoesNotContain("truth-own-20261203T080000Z", others, StringComparison.Ordinal);
        Assert.DoesNotContain("truth-own-20261203T100000Z", others, StringComparison.Ordinal);
        // In the order the page lists them: the 20 newest strays, newest first.
        var listed = strays.Select(j => j.Id)
            .Select(id => (Id: id, At: others.IndexOf($"<tr data-job=\"{id}\">", StringComparison.Ordinal)))
            .Where(j => j.At >= 0).OrderBy(j => j.At).Select(j => j.Id);
        Assert.Equal(strays.Take(20).Select(j => j.Id), listed);
    }

    [Fact]
    public async Task ShouldShowNoEtaForACancelledBuild()
    {
        var post = await Site.CreateTrophyAsync("Cancelled", TrophySpecs.Tiny("truth-cancelled").ToJsonString());
        await SetFlagsAsync(post, "cancelled", "truth-cancelled-20261203T100000Z", """{"total":60,"done":12,"skipped":0,"failed":0,"eta_s":0,"updated_at":"2026-12-03T10:00:09Z"}""");
        var job = Job("truth-cancelled-20261203T100000Z", "truth-cancelled", JobState.Cancelled, hoursAgo: 0) with { Done = 12, EtaSeconds = 0 };
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [Silo], [job]), PollerHealth.Healthy(DateTimeOffset.UtcNow));
        await Site.SetBridgeAsync(bridge.Port);

        var live = Row(await Site.RunAsync("render-builds-page"), post);
        await Site.SetBridgeAsync(ClosedPort.Find());
        var saved = Row(await Site.RunAsync("render-builds-page"), post);

        Assert.Contains("data-source=\"live\"", live, StringComparison.Ordinal);
        Assert.Contains("<td class=\"eta\">\u2014</td>", live, StringComparison.Ordinal);
        Assert.Contains("data-source=\"saved\"", saved, StringComparison.Ordinal);
        Assert.Contains("<td class=\"eta\">\u2014</td>", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayABuildFinishedWithFailuresInItsHeadline()
    {
        var post = await Site.CreateTrophyAsync("Failures", TrophySpecs.Tiny("truth-failures").ToJsonString());
        await SetFlagsAsync(post, "completed", "truth-failures-20261203T100000Z", """{"total":60,"done":57,"skipped":0,"failed":3,"eta_s":0,"updated_at":"2026-12-03T10:01:00Z"}""");
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_error", "3 combinations: layer base/gone.png is missing");
        await Site.SetBridgeAsync(ClosedPort.Find());

        var row = Row(await Site.RunAsync("render-builds-page"), post);
        var box = await Site.RunAsync("render-meta-box", $"{post}");

        Assert.Contains("<td class=\"status\">Finished with 3 failures", row, StringComparison.Ordinal);
        Assert.Contains("57 of 60 built (rendered 57, up to date 0), 3 failed", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">Completed", row, StringComparison.Ordinal);
        Assert.Contains(">Finished with 3 failures</span>", box, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayInTheBrowserThatTheRendererCannotReachTheDatabase()
    {
        var post = await Site.CreateTrophyAsync("Waiting", TrophySpecs.Tiny("truth-db").ToJsonString());
        await Site.PressAsync(post, "build");
        await using var bridge = await FakeBridge.StartAsync(
            new ClusterSnapshot(true, [Silo], []), new PollerHealth(true, DateTimeOffset.UtcNow, AccessDenied));
        await Site.SetBridgeAsync(bridge.Port);

        var html = await Site.RunAsync("render-builds-page", "admin", "k2tb_done=build");
        var box = await Site.RunAsync("render-meta-box", $"{post}");
        var dom = "";
        BrowserPage.Open(html, url => dom = HeadlessBrowser.DumpDom(url, TimeSpan.FromSeconds(2)), BrowserPage.PluginStyles(Site));
        var screenshot = Path.Combine(SampleSpec.RepositoryRoot, "artifacts", "screenshots", "k2-builds-page-database-error.png");
        BrowserPage.Open(html, url => HeadlessBrowser.Screenshot(url, screenshot, TimeSpan.FromSeconds(2)), BrowserPage.PluginStyles(Site));

        var expected = "The renderer cannot reach WordPress's database: Access denied for user 'k2orleans'@'localhost' (using password: YES).";
        Assert.Contains($"data-state=\"db-error\">{expected}", dom, StringComparison.Ordinal);
        Assert.Contains($"<div class=\"notice notice-success is-dismissible\"><p>Build requested. {expected}", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("Renderer running", dom, StringComparison.Ordinal);
        Assert.DoesNotContain(WithinSeconds, dom, StringComparison.Ordinal);
        Assert.Contains("data-state=\"db-error\">The renderer cannot reach WordPress&#039;s database: Access denied", box, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayTheBridgeIsNotAnsweringAndPromiseNoQuickPickUp()
    {
        var post = await Site.CreateTrophyAsync("Bridge down", TrophySpecs.Tiny("truth-down").ToJsonString());
        await Site.SetBridgeAsync(ClosedPort.Find());

        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(TrophySpecs.Tiny("truth-down").ToJsonString()), "build");
        var notice = await Site.RunAsync("render-notice", $"{post}");
        var page = await Site.RunAsync("render-builds-page", "admin", "k2tb_done=build");
        var box = await Site.RunAsync("render-meta-box", $"{post}");

        Assert.Equal("requested", (await Site.MetaAsync(post)).Status);
        foreach (var html in new[] { notice, page, box })
        {
            Assert.DoesNotContain(WithinSeconds, html, StringComparison.Ordinal);
            Assert.Contains("The status bridge is not answering", html, StringComparison.Ordinal);
        }

        Assert.Equal("build", saved.GetProperty("notice").GetProperty("action").GetString());

        Assert.StartsWith("<div class=\"notice notice-success is-dismissible\"><p>Build requested. The status bridge is not answering (", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldPromiseAQuickPickUpOnlyWhenTheDaemonPollsWithoutError()
    {
        var post = await Site.CreateTrophyAsync("Healthy", TrophySpecs.Tiny("truth-healthy").ToJsonString());
        await Site.PressAsync(post, "build");
        var lastPoll = DateTimeOffset.UtcNow;
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [Silo], []), PollerHealth.Healthy(lastPoll));
        await Site.SetBridgeAsync(bridge.Port);

        var healthy = await Site.RunAsync("render-builds-page", "admin", "k2tb_done=build");
        bridge.WordPress = new PollerHealth(false, null, null);
        var notPolling = await Site.RunAsync("render-builds-page", "admin", "k2tb_done=build");
        bridge.WordPress = null;
        var unknown = await Site.RunAsync("render-builds-page", "admin", "k2tb_done=build");

        Assert.Contains("<p>Build requested; the daemon picks it up within seconds.</p>", healthy, StringComparison.Ordinal);
        Assert.Contains($"data-state=\"running\">Renderer running on 1 server, 0 of 2 render slots busy. It last looked for build requests at {lastPoll.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.", healthy, StringComparison.Ordinal);
        Assert.Contains("data-state=\"not-polling\">The renderer is running but does not poll WordPress (WordPress:Enabled is false", notPolling, StringComparison.Ordinal);
        Assert.DoesNotContain(WithinSeconds, notPolling, StringComparison.Ordinal);
        Assert.Contains("data-state=\"unknown\">", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain(WithinSeconds, unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayARequestWasNotPickedUpThoughTheDaemonPolledSince()
    {
        var post = await Site.CreateTrophyAsync("Stuck", TrophySpecs.Tiny("truth-stuck").ToJsonString());
        await Site.PressAsync(post, "build");
        var requestedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Site.RunAsync("set-meta", $"{post}", "_k2tb_requested_at", requestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        var fresh = await Site.CreateTrophyAsync("Fresh", TrophySpecs.Tiny("truth-fresh").ToJsonString());
        await Site.PressAsync(fresh, "build");
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [Silo], []), PollerHealth.Healthy(DateTimeOffset.UtcNow));
        await Site.SetBridgeAsync(bridge.Port);

        var html = await Site.RunAsync("render-builds-page");
        var box = await Site.RunAsync("render-meta-box", $"{post}");

        // 5 minutes and the seconds the driver took.
        var stuck = new System.Text.RegularExpressions.Regex(
            "<p class=\"k2tb-stale\">Requested 5m [0-5][0-9]s ago and not picked up yet. The renderer has polled WordPress without error since \\(last at [0-9T:Z-]+\\): it may be polling another database");
        Assert.Matches(stuck, Row(html, post));
        Assert.Matches(stuck, box);
        Assert.DoesNotContain("k2tb-stale", Row(html, fresh), StringComparison.Ordinal);
    }

    private static JobSnapshot Job(string id, string trophy, JobState state, int hoursAgo)
    {
        var started = DateTimeOffset.UtcNow.AddHours(-hoursAgo);
        return new JobSnapshot(id, trophy, state, 60, 60, 0, 0, started, state is JobState.Completed or JobState.Cancelled ? started.AddMinutes(1) : null,
            60, 1, state is JobState.Completed or JobState.Cancelled ? 0 : 10, [], new BatchCounts(1, 1, 0));
    }

    private async Task SetFlagsAsync(long post, string status, string job, string progress)
    {
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", status);
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_job", job);
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_progress", progress);
    }

    private static string Section(string html, string start)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {start}");
        return html[at..html.IndexOf("</table>", at, StringComparison.Ordinal)];
    }

    private static string Row(string html, long post)
    {
        var start = html.IndexOf($"<tr data-post=\"{post}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for post {post}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
