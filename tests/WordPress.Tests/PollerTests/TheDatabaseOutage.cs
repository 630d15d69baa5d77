using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>The WordPress database refusing the daemon for a while: polls fail, are logged, and succeed again later.</summary>
public sealed class TheDatabaseOutage(SiteWithDaemon fixture) : IClassFixture<SiteWithDaemon>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ShouldKeepPollingThroughDatabaseErrorsAndBuildOnceTheyStop()
    {
        var site = fixture.Site;
        var daemon = fixture.Daemon;
        var post = await site.CreateTrophyAsync("Outage", TrophySpecs.Tiny("wp-outage").ToJsonString());
        var posts = $"`{(await site.ScalarAsync<string>("SELECT DATABASE()"))}`.`{WordPressSite.TablePrefix}posts`";

        await site.ExecuteAsync($"REVOKE SELECT ON {posts} FROM '{site.DaemonUser}'@'%'");
        await site.PressAsync(post, "build");
        var failing = await daemon.WaitForPollsAsync(3, Timeout);
        var during = await site.MetaAsync(post);
        await site.ExecuteAsync($"GRANT SELECT ON {posts} TO '{site.DaemonUser}'@'%'");
        var built = await site.WaitForAsync(post, m => m.Status == "completed", Timeout, "completed after the grant came back");
        var recovered = await daemon.WaitForPollsAsync(1, Timeout);

        Assert.Contains("SELECT command denied", failing.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("requested", during.Status);
        Assert.Equal(2, built.Count("done"));
        Assert.Null(recovered.LastError);
        Assert.Equal(failing.Silo, recovered.Silo);
    }
}
