using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>WordPress's own screens for trophies: the Trophies list's Build status column and the edit screen's notices.</summary>
public sealed class TheTrophyScreens(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldShowEachTrophysBuildStatusInTheTrophiesList()
    {
        var failures = await Site.CreateTrophyAsync("Listed failures", TrophySpecs.Tiny("screens-failures").ToJsonString());
        await Site.RunAsync("set-meta", $"{failures}", "_k2_build_status", "completed");
        await Site.RunAsync("set-meta", $"{failures}", "_k2_build_progress", """{"total":60,"done":50,"skipped":7,"failed":3,"eta_s":0,"updated_at":"2026-12-03T10:01:00Z"}""");
        var requested = await Site.CreateTrophyAsync("Listed request", TrophySpecs.Tiny("screens-requested").ToJsonString());
        await Site.PressAsync(requested, "build");
        var never = await Site.CreateTrophyAsync("Listed never", TrophySpecs.Tiny("screens-never").ToJsonString());

        var list = await Site.RunAsync("render-trophies-list");

        Assert.Contains(">Build status</th>", list, StringComparison.Ordinal);
        Assert.Contains(">Finished with 3 failures</span><br><span class=\"k2tb-counts\">57 of 60 built</span>", Cell(list, failures), StringComparison.Ordinal);
        Assert.Contains(">Requested</span>", Cell(list, requested), StringComparison.Ordinal);
        Assert.Contains(">Never built</span>", Cell(list, never), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6", "Trophy published.")]
    [InlineData("1", "Trophy updated.")]
    [InlineData("10", "Trophy draft updated.")]
    public async Task ShouldSayTrophyNotPostInTheEditScreensNotice(string message, string expected)
    {
        var post = await Site.CreateTrophyAsync($"Noticed {message}", TrophySpecs.Tiny($"screens-notice-{message}").ToJsonString());

        var screen = await Site.RunAsync("edit-screen", $"{post}", message);

        Assert.Contains($"<div id=\"message\" class=\"updated notice notice-success is-dismissible\"><p>{expected}", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Post published.", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Post updated.", screen, StringComparison.Ordinal);
        Assert.Contains("id=\"k2tb-spec\"", screen, StringComparison.Ordinal);
    }

    /// <summary>The Build status cell of a post's row in the list table.</summary>
    private static string Cell(string list, long post)
    {
        var row = list.IndexOf($"<tr id=\"post-{post}\"", StringComparison.Ordinal);
        Assert.True(row >= 0, $"no row for post {post}");
        var cell = list.IndexOf("class='k2tb_build column-k2tb_build'", row, StringComparison.Ordinal);
        Assert.True(cell >= 0 && cell < list.IndexOf("</tr>", row, StringComparison.Ordinal), $"no Build status cell in the row of post {post}");
        return list[cell..list.IndexOf("</td>", cell, StringComparison.Ordinal)];
    }
}
