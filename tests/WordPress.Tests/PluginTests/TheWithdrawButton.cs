using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>
/// Withdraw request: a request the daemon has not claimed yet can be taken back from the trophy's edit screen, with
/// the nonce and the capabilities of the Build button; one conditional UPDATE, so a claim that came first wins.
/// </summary>
public sealed class TheWithdrawButton(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private WordPressSite Site => fixture.Site;

    [Theory]
    [InlineData("build", "requested")]
    [InlineData("rebuild", "force_requested")]
    public async Task ShouldWithdrawAnUnclaimedRequestFromTheEditScreenPuttingBackTheLastBuildsEnd(string button, string requested)
    {
        var spec = TrophySpecs.Tiny($"withdraw-{button}").ToJsonString();
        var post = await Site.CreateTrophyAsync("Withdrawn", spec);
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", "completed");
        await Site.PressAsync(post, button);
        var whileRequested = await Site.RunAsync("render-meta-box", $"{post}");
        var afterRequest = (await Site.MetaAsync(post)).Status;

        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(spec), "withdraw");
        var notice = await Site.RunAsync("render-notice", $"{post}");

        Assert.Equal(requested, afterRequest);
        Assert.Contains("<button type=\"submit\" name=\"k2tb_build_action\" value=\"withdraw\" class=\"button \">Withdraw request</button>", whileRequested, StringComparison.Ordinal);
        Assert.Equal("completed", (await Site.MetaAsync(post)).Status);
        Assert.Equal("success", saved.GetProperty("notice").GetProperty("type").GetString());
        Assert.Contains("<p>Build request withdrawn; nothing will be built.</p>", notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldGoBackToNeverBuiltWhenTheFirstRequestIsWithdrawn()
    {
        var post = await Site.CreateTrophyAsync("First request", TrophySpecs.Tiny("withdraw-first").ToJsonString());
        await Site.PressAsync(post, "build");

        var pressed = await Site.PressAsync(post, "withdraw");

        Assert.Equal("redirect", pressed.GetProperty("outcome").GetString());
        Assert.Contains("k2tb_done=withdraw&", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal("", (await Site.MetaAsync(post)).Status);
        Assert.Contains(">Never built</span>", await Site.RunAsync("render-meta-box", $"{post}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("running")]
    [InlineData("cancel_requested")]
    [InlineData("completed")]
    public async Task ShouldWithdrawNothingTheDaemonHasClaimedOrFinished(string status)
    {
        // The editor saw "requested" and pressed Withdraw; the daemon had moved the status on in the meantime.
        var spec = TrophySpecs.Tiny($"withdraw-late-{status.Replace('_', '-')}").ToJsonString();
        var post = await Site.CreateTrophyAsync("Too late", spec);
        await Site.PressAsync(post, "build");
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", status);

        var pressed = await Site.PressAsync(post, "withdraw");
        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(spec), "withdraw");
        var box = await Site.RunAsync("render-meta-box", $"{post}");

        Assert.Equal("redirect", pressed.GetProperty("outcome").GetString());
        Assert.Contains("k2tb_done=withdraw_refused", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal(("warning", "Not withdrawn: there is no request waiting. The daemon may have taken it already (then Cancel stops the build)."),
            (saved.GetProperty("notice").GetProperty("type").GetString(), saved.GetProperty("notice").GetProperty("message").GetString()));
        Assert.Equal(status, (await Site.MetaAsync(post)).Status);
        Assert.Contains("value=\"withdraw\" class=\"button \" disabled>", box, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseABadNonceAndAUserWhoMayNotBuild()
    {
        var post = await Site.CreateTrophyAsync("Guarded request", TrophySpecs.Tiny("withdraw-guarded").ToJsonString());
        await Site.PressAsync(post, "build");
        // An author may edit their own trophies but not publish them, so not build them either.
        await Site.RunJsonAsync("grant-cap", "withdraw_author", "edit_k2_trophies", "author");

        var forged = await Site.PressAsync(post, "withdraw", badNonce: true);
        var author = await Site.PressAsync(post, "withdraw", user: "withdraw_author");

        Assert.Equal(("died", 403), (forged.GetProperty("outcome").GetString(), forged.GetProperty("status").GetInt32()));
        Assert.Equal(("died", 403), (author.GetProperty("outcome").GetString(), author.GetProperty("status").GetInt32()));
        Assert.Equal("requested", (await Site.MetaAsync(post)).Status);
    }
}
