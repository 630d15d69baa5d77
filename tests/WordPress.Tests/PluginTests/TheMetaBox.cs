using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>The trophy edit screen's meta box: the post form submitted with one of its buttons, through edit_post().</summary>
public sealed class TheMetaBox(SiteWithDaemon fixture) : IClassFixture<SiteWithDaemon>
{
    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldSaveTheSpecThenRequestTheBuildWhenBuildImagesIsPressed()
    {
        var post = await Site.CreateTrophyAsync("Edited", TrophySpecs.Tiny("wp-edited-old").ToJsonString());
        var edited = TrophySpecs.Tiny("wp-edited").ToJsonString();

        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(edited), "build");
        var meta = await Site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(1), "completed");

        Assert.Equal("success", saved.GetProperty("notice").GetProperty("type").GetString());
        Assert.Equal(edited, (await Site.RunJsonAsync("meta", $"{post}")).GetProperty("spec").GetString());
        Assert.StartsWith("wp-edited-", meta.Job, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseInvalidJsonKeepingTheSavedSpecAndShowingTheTypingAgain()
    {
        var original = TrophySpecs.Tiny("wp-kept").ToJsonString();
        var post = await Site.CreateTrophyAsync("Kept", original);
        const string typing = "{ \"slug\": \"wp-kept\", <oops> }";

        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(typing), "build");
        var box = await Site.RunAsync("render-meta-box", $"{post}");

        var notice = saved.GetProperty("notice");
        Assert.Equal("error", notice.GetProperty("type").GetString());
        Assert.StartsWith("The spec was not saved: it is not valid JSON (Syntax error)", notice.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(original, (await Site.RunJsonAsync("meta", $"{post}")).GetProperty("spec").GetString());
        Assert.Null((await Site.MetaAsync(post)).Status);
        Assert.Contains(">{ &quot;slug&quot;: &quot;wp-kept&quot;, &lt;oops&gt; }</textarea>", box, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseJsonThatIsNotAnObject()
    {
        var post = await Site.CreateTrophyAsync("Listy", TrophySpecs.Tiny("wp-listy").ToJsonString());

        var saved = await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync("[1, 2]"));

        Assert.Equal("The spec was not saved: it must be a JSON object ({ ... }).", saved.GetProperty("notice").GetProperty("message").GetString());
    }
}
