using System.Text.Encodings.Web;
using System.Text.Json;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>Specs and rows the daemon must refuse: each fails alone, with its reasons, and the poller goes on.</summary>
public sealed class TheRefusals(SiteWithDaemon fixture) : IClassFixture<SiteWithDaemon>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldFailASpecWithErrorsListingEveryReason()
    {
        var spec = TrophySpecs.Tiny("wp-broken");
        spec["slug"] = "Broken Slug";
        spec["canvas"]!["width"] = 0;
        spec["slots"]![0]!["options"]![0]!["image"] = "../../../etc/passwd";
        var post = await Site.CreateTrophyAsync("Broken", spec.ToJsonString());

        await Site.PressAsync(post, "build");
        var meta = await Site.WaitForAsync(post, m => m.Status == "failed", Timeout, "failed");

        Assert.StartsWith("The spec was refused (3 problems):", meta.Error, StringComparison.Ordinal);
        Assert.Contains("$.slug: 'Broken Slug' must match", meta.Error, StringComparison.Ordinal);
        Assert.Contains("$.canvas.width: 0 is out of range", meta.Error, StringComparison.Ordinal);
        Assert.Contains("$.slots[0].options[0].image: '../../../etc/passwd' must not contain '..'", meta.Error, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(meta.Job), "no job for a refused spec");
    }

    [Fact]
    public async Task ShouldRefuseAnAssetRootOutsideTheConfiguredOne()
    {
        var spec = TrophySpecs.Tiny("wp-escape");
        spec["assetRoot"] = "../../..";
        var post = await Site.CreateTrophyAsync("Escape", spec.ToJsonString());

        await Site.PressAsync(post, "build");
        var meta = await Site.WaitForAsync(post, m => m.Status == "failed", Timeout, "failed");

        Assert.Contains("$.assetRoot: leaves the configured asset root", meta.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFailMalformedRowsAloneAndBuildTheGoodOneOfTheSamePoll()
    {
        var noSpec = await Site.CreateTrophyAsync("No spec", "");
        var notJson = await Site.CreateTrophyAsync("Not JSON", "{\"slug\": \"x\", ");
        var list = await Site.CreateTrophyAsync("A list", "[1, 2, 3]");
        var good = await Site.CreateTrophyAsync("Good", TrophySpecs.Tiny("wp-good").ToJsonString());
        var page = await Site.ExecuteAsync(
            $"INSERT INTO {WordPressSite.TablePrefix}posts (post_title, post_type, post_status, post_content, post_excerpt, to_ping, pinged, post_content_filtered) VALUES ('A page', 'page', 'publish', '', '', '', '', '')");
        var pageId = await Site.ScalarAsync<ulong>("SELECT MAX(ID) FROM " + WordPressSite.TablePrefix + "posts WHERE post_type = 'page'");

        // All requested in one statement, so one poll sees them together.
        var requested = await Site.ExecuteAsync(
            $"INSERT INTO {WordPressSite.TablePrefix}postmeta (post_id, meta_key, meta_value) VALUES (@a, '_k2_build_status', 'requested'), (@b, '_k2_build_status', 'requested'), (@c, '_k2_build_status', 'force_requested'), (@d, '_k2_build_status', 'requested'), (@p, '_k2_build_status', 'requested')",
            ("a", noSpec), ("b", notJson), ("c", list), ("d", good), ("p", pageId));
        var built = await Site.WaitForAsync(good, m => m.Status == "completed", Timeout, "the good trophy completed");
        var missing = await Site.WaitForAsync(noSpec, m => m.Status == "failed", Timeout, "failed");
        var broken = await Site.WaitForAsync(notJson, m => m.Status == "failed", Timeout, "failed");
        var wrongShape = await Site.WaitForAsync(list, m => m.Status == "failed", Timeout, "failed");
        await fixture.Daemon.WaitForPollsAsync(3, Timeout);

        Assert.Equal((1, 5), (page, requested));
        Assert.Equal(2, built.Count("done"));
        Assert.Contains("$: the post has no spec", missing.Error, StringComparison.Ordinal);
        Assert.Contains("$: not valid JSON", broken.Error, StringComparison.Ordinal);
        Assert.Contains("$: must be an object, is an array", wrongShape.Error, StringComparison.Ordinal);
        Assert.Equal("requested", (await Site.MetaAsync((long)pageId)).Status);
        Assert.Null((await fixture.Daemon.Poller.GetStatusAsync()).LastError);
    }

    [Fact]
    public async Task ShouldStoreSqlAndScriptPayloadsVerbatimAndShowThemInert()
    {
        const string nameAttack = "Robert'); DROP TABLE k2wp_posts;-- <script>alert('name')</script>";
        const string slugAttack = "<img src=x onerror=alert(1)>";
        const string titleAttack = "<script>alert('title')</script>";
        var harmless = TrophySpecs.Tiny("wp-inert");
        harmless["name"] = nameAttack;
        var hostile = TrophySpecs.Tiny("wp-hostile");
        hostile["slug"] = slugAttack;
        // As an editor types them: '<', '>' and quotes raw in the JSON text, not \u-escaped.
        var raw = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var harmlessJson = harmless.ToJsonString(raw);
        var builds = await Site.CreateTrophyAsync(titleAttack, harmlessJson);
        var refused = await Site.CreateTrophyAsync("Hostile", hostile.ToJsonString(raw));

        await Site.PressAsync(builds, "build");
        await Site.PressAsync(refused, "build");
        var built = await Site.WaitForAsync(builds, m => m.Status == "completed", Timeout, "completed");
        var failed = await Site.WaitForAsync(refused, m => m.Status == "failed", Timeout, "failed");
        var metaBox = await Site.RunAsync("render-meta-box", $"{refused}");
        var buildsPage = await Site.RunAsync("render-builds-page");
        var storedSpec = (await Site.RunJsonAsync("meta", $"{builds}")).GetProperty("spec").GetString()!;

        Assert.Contains(nameAttack, harmlessJson, StringComparison.Ordinal);
        Assert.Equal(harmlessJson, storedSpec);
        Assert.Equal(2, built.Count("done"));
        Assert.Contains(slugAttack, failed.Error, StringComparison.Ordinal);
        Assert.Equal(1, await Site.ScalarAsync<long>($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '{WordPressSite.TablePrefix}posts'"));
        foreach (var html in new[] { metaBox, buildsPage })
        {
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("&#039;&lt;img src=x onerror=alert(1)&gt;&#039; must match", metaBox, StringComparison.Ordinal);
        Assert.Contains("&quot;slug&quot;:&quot;&lt;img src=x onerror=alert(1)&gt;&quot;", metaBox, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", buildsPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#039;title&#039;)&lt;/script&gt;", buildsPage, StringComparison.Ordinal);

        // In a real browser: the payloads' alert() would mark the page if anything ran. The control proves the mark works.
        Assert.Contains("data-alerted=\"yes\"", InBrowser(slugAttack), StringComparison.Ordinal);
        foreach (var html in new[] { metaBox, buildsPage })
        {
            var dom = InBrowser(html);
            Assert.DoesNotContain("data-alerted=\"yes\"", dom, StringComparison.Ordinal);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", dom, StringComparison.Ordinal);
        }

        var screenshot = Path.Combine(SampleSpec.RepositoryRoot, "artifacts", "screenshots", "k2-builds-page.png");
        WithPage(buildsPage, url => HeadlessBrowser.Screenshot(url, screenshot, TimeSpan.FromSeconds(2)));
    }

    /// <summary>The DOM a browser builds from <paramref name="body"/>, with alert() replaced by a mark on the page.</summary>
    private static string InBrowser(string body)
    {
        var dom = "";
        WithPage(body, url => dom = HeadlessBrowser.DumpDom(url, TimeSpan.FromSeconds(2)));
        return dom;
    }

    private static void WithPage(string body, Action<string> use) =>
        BrowserPage.Open(body, use, "<script>window.alert = () => document.documentElement.setAttribute('data-alerted', 'yes');</script>");
}
