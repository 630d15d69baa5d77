using System.Diagnostics;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.WordPress.Tests.Support;
using Xunit.Abstractions;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>Cancel pressed in WordPress during a build.</summary>
public sealed class TheCancelButton(SiteWithDaemon fixture, ITestOutputHelper output) : IClassFixture<SiteWithDaemon>
{
    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldEndCancelledWithinTenSecondsAfterRefreshingProgressWhileRunning()
    {
        var post = await Site.CreateTrophyAsync("Grand Prix", TrophySpecs.Sample("grand-prix", "wp-cancel").ToJsonString());
        await Site.PressAsync(post, "build");
        var progressSeen = new HashSet<long>();
        var running = await Site.WaitForAsync(post, m =>
        {
            if (m.Status == "running")
            {
                progressSeen.Add(m.Count("done"));
            }

            return m.Status == "running" && progressSeen.Count(done => done > 0) >= 2;
        }, TimeSpan.FromMinutes(2), "running with progress refreshed twice");

        var clock = Stopwatch.StartNew();
        var pressed = await Site.PressAsync(post, "cancel");
        var cancelled = await Site.WaitForAsync(post, m => m.Status == "cancelled", TimeSpan.FromSeconds(10), "cancelled");
        clock.Stop();
        output.WriteLine($"cancel pressed at {running}; ended after {clock.Elapsed.TotalSeconds:0.0} s at {cancelled}");

        Assert.Contains("k2tb_done=cancel", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancel took {clock.Elapsed}");
        Assert.Equal(running.Job, cancelled.Job);
        Assert.Equal(JobState.Cancelled, (await fixture.Daemon.Job(cancelled.Job!).GetStatusAsync())!.Status);
        Assert.Equal(648, cancelled.Count("total"));
        Assert.True(cancelled.Count("done") + cancelled.Count("skipped") + cancelled.Count("failed") < 648, cancelled.ToString());
        Assert.Equal(0, cancelled.Progress!.Value.GetProperty("eta_s").GetDouble());
    }

    [Fact]
    public async Task ShouldRefuseCancelWhenNothingIsUnderWay()
    {
        var post = await Site.CreateTrophyAsync("Idle", TrophySpecs.Tiny("wp-idle").ToJsonString());

        var pressed = await Site.PressAsync(post, "cancel");

        Assert.Contains("k2tb_done=refused", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Null((await Site.MetaAsync(post)).Status);
    }
}
