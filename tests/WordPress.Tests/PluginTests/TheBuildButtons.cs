using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>The admin-post handler behind the K2 Builds buttons: nonce, capability, and which status each button may set.</summary>
public sealed class TheBuildButtons(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldSetRequestedOrForceRequested()
    {
        var build = await Site.CreateTrophyAsync("Build", TrophySpecs.Tiny("btn-build").ToJsonString());
        var rebuild = await Site.CreateTrophyAsync("Rebuild", TrophySpecs.Tiny("btn-rebuild").ToJsonString());

        await Site.PressAsync(build, "build");
        await Site.PressAsync(rebuild, "rebuild");

        Assert.Equal("requested", (await Site.MetaAsync(build)).Status);
        Assert.Equal("force_requested", (await Site.MetaAsync(rebuild)).Status);
        Assert.Equal(1, (await Site.MetaAsync(build)).RowsOf("_k2_build_status"));
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("running")]
    [InlineData("cancel_requested")]
    public async Task ShouldNotRequestABuildWhileOneIsUnderWay(string status)
    {
        // A slug of its own per case: the plugin refuses a build whose slug an older trophy has.
        var post = await Site.CreateTrophyAsync("Busy", TrophySpecs.Tiny($"btn-busy-{status.Replace('_', '-')}").ToJsonString());
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", status);

        var build = await Site.PressAsync(post, "build");
        var rebuild = await Site.PressAsync(post, "rebuild");

        Assert.Contains("k2tb_done=refused", build.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Contains("k2tb_done=refused", rebuild.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(status, (await Site.MetaAsync(post)).Status);
    }

    [Theory]
    [InlineData("queued", "cancel_requested")]
    [InlineData("running", "cancel_requested")]
    [InlineData("completed", "completed")]
    [InlineData("requested", "requested")]
    public async Task ShouldCancelOnlyAQueuedOrRunningBuild(string before, string after)
    {
        var post = await Site.CreateTrophyAsync("Cancel", TrophySpecs.Tiny("btn-cancel").ToJsonString());
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", before);

        await Site.PressAsync(post, "cancel");

        Assert.Equal(after, (await Site.MetaAsync(post)).Status);
    }

    [Fact]
    public async Task ShouldRefuseABadNonceAUserWhoMayNotEditAndAPostThatIsNoTrophy()
    {
        var post = await Site.CreateTrophyAsync("Guarded", TrophySpecs.Tiny("btn-guarded").ToJsonString());

        var forged = await Site.PressAsync(post, "build", badNonce: true);
        var subscriber = await Site.PressAsync(post, "build", user: "subscriber");
        var notATrophy = await Site.PressAsync(1, "build");
        var unknown = await Site.PressAsync(post, "explode");

        Assert.Equal(("died", 403), (forged.GetProperty("outcome").GetString(), forged.GetProperty("status").GetInt32()));
        Assert.Equal(("died", 403), (subscriber.GetProperty("outcome").GetString(), subscriber.GetProperty("status").GetInt32()));
        Assert.Equal(("died", 400), (notATrophy.GetProperty("outcome").GetString(), notATrophy.GetProperty("status").GetInt32()));
        Assert.Equal(("died", 400), (unknown.GetProperty("outcome").GetString(), unknown.GetProperty("status").GetInt32()));
        Assert.Null((await Site.MetaAsync(post)).Status);
    }
}
