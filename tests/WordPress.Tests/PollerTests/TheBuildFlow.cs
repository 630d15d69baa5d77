using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>Build images pressed in a real WordPress, built by the daemon, reported back in postmeta.</summary>
public sealed class TheBuildFlow(SiteWithDaemon fixture) : IClassFixture<SiteWithDaemon>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);

    private WordPressSite Site => fixture.Site;

    private DaemonCluster Daemon => fixture.Daemon;

    [Fact]
    public async Task ShouldBuildEveryImageAndEndCompletedWithTheCounts()
    {
        var post = await Site.CreateTrophyAsync("Classic Cup", TrophySpecs.Sample("classic-cup", "wp-classic").ToJsonString());

        var pressed = await Site.PressAsync(post, "build");
        var meta = await Site.WaitForAsync(post, m => m.Status == "completed", BuildTimeout, "completed");

        Assert.Equal("redirect", pressed.GetProperty("outcome").GetString());
        Assert.Contains("k2tb_done=build", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("wp-classic-", meta.Job, StringComparison.Ordinal);
        Assert.Equal((50L, 50L, 0L, 0L), (meta.Count("total"), meta.Count("done"), meta.Count("skipped"), meta.Count("failed")));
        Assert.Equal(0, meta.Progress!.Value.GetProperty("eta_s").GetDouble());
        Assert.True(DateTimeOffset.TryParse(meta.Progress!.Value.GetProperty("updated_at").GetString(), out _));
        Assert.True(string.IsNullOrEmpty(meta.Error), meta.Error);
        Assert.All(new[] { "_k2_build_status", "_k2_build_job", "_k2_build_progress" }, key => Assert.Equal(1, meta.RowsOf(key)));
        var images = Directory.GetFiles(Path.Combine(Site.OutputRoot, "wp-classic"), "*.png");
        Assert.Equal(100, images.Length);
        Assert.Equal(50, images.Count(i => i.EndsWith("-thumb.png", StringComparison.Ordinal)));
        Assert.Equal(JobState.Completed, (await Daemon.Job(meta.Job!).GetStatusAsync())!.Status);

        // WordPress reads the same, and the theme helper's URL is a file the daemon wrote.
        var seen = await Site.RunJsonAsync("meta", $"{post}");
        Assert.Equal("completed", seen.GetProperty("status").GetString());
        var url = (await Site.RunJsonAsync("image-url", $"{post}", """{"base":"walnut","column":"ruby","topper":"none"}""", "-thumb")).GetProperty("url").GetString()!;
        Assert.StartsWith("http://k2.test/wp-content/uploads/k2-trophies/", url, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Site.ContentFolder, url["http://k2.test/wp-content/".Length..])), url);
    }

    [Fact]
    public async Task ShouldSkipUpToDateImagesOnBuildAndRenderAllOnRebuild()
    {
        var post = await Site.CreateTrophyAsync("Tiny again", TrophySpecs.Tiny("wp-again").ToJsonString());
        await Site.PressAsync(post, "build");
        var first = await Site.WaitForAsync(post, m => m.Status == "completed", BuildTimeout, "first build completed");

        await Site.PressAsync(post, "build");
        var second = await Site.WaitForAsync(post, m => m.Status == "completed" && m.Job != first.Job, BuildTimeout, "second build completed");
        await Site.PressAsync(post, "rebuild");
        var forced = await Site.WaitForAsync(post, m => m.Status == "completed" && m.Job != second.Job, BuildTimeout, "forced build completed");

        Assert.Equal((2L, 0L), (first.Count("done"), first.Count("skipped")));
        Assert.Equal((0L, 2L), (second.Count("done"), second.Count("skipped")));
        Assert.Equal((2L, 0L), (forced.Count("done"), forced.Count("skipped")));
        Assert.Equal(3, (await Daemon.JobsAsync()).Count(id => id.StartsWith("wp-again-", StringComparison.Ordinal)));
    }
}
