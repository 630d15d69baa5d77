using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>
/// The plugin's side of the trust boundary: who may edit and build trophies, and what it refuses to save or to
/// request (a trophy not published, a path into another trophy's folder, a slug in use, a build over a ceiling).
/// Each test first does what the plugin used to allow. The daemon's own refusals are in PollerTests/TheTrustBoundary.
/// </summary>
public sealed class TheTrophyRules(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private static readonly string[] Caps = ["edit_k2_trophies", "publish_k2_trophies", "edit_others_k2_trophies"];

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldGrantTheTrophyCapabilitiesToAdministratorsAndEditorsOnly()
    {
        var seen = new List<string>();
        foreach (var user in new[] { "admin", "editor", "author", "contributor", "subscriber" })
        {
            foreach (var cap in Caps)
            {
                seen.Add($"{user} {cap} {await CanAsync(user, cap)}");
            }
        }

        var expected = new[] { "admin", "editor", "author", "contributor", "subscriber" }
            .SelectMany(user => Caps.Select(cap => $"{user} {cap} {user is "admin" or "editor"}"));
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task ShouldTakeTheCapabilitiesAwayOnUninstallAndGrantThemOnActivation()
    {
        try
        {
            await Site.RunJsonAsync("uninstall");
            var afterUninstall = (await CanAsync("editor", "publish_k2_trophies"), await CanAsync("admin", "edit_k2_trophies"));
            Assert.True((await Site.RunJsonAsync("activate")).GetProperty("active").GetBoolean());
            var afterActivation = (await CanAsync("editor", "publish_k2_trophies"), await CanAsync("admin", "edit_k2_trophies"));

            Assert.Equal((false, false), afterUninstall);
            Assert.Equal((true, true), afterActivation);
        }
        finally
        {
            // Uninstalling removed the settings: point the bridge away from this machine's default port again.
            await Site.SetBridgeAsync(ClosedPort.Find());
        }
    }

    [Theory]
    [InlineData("rules-up", "{slug}/../rules-victim/{key}.{ext}", "output.path must not have an empty, '.' or '..' part or a backslash, is '{slug}/../rules-victim/{key}.{ext}'")]
    [InlineData("rules-other", "rules-victim/{key}.{ext}", "output.path must begin with {slug}/ (a trophy writes only into its own folder), is 'rules-victim/{key}.{ext}'")]
    [InlineData("rules", "{slug}-victim/{key}.{ext}", "output.path must begin with {slug}/ (a trophy writes only into its own folder), is '{slug}-victim/{key}.{ext}'")]
    public async Task ShouldNotSaveAnOutputPathOutsideTheTrophysFolder(string slug, string template, string reason)
    {
        var original = TrophySpecs.Tiny(slug).ToJsonString();
        var post = await Site.CreateTrophyAsync("Rules", original);
        var edited = TrophySpecs.Tiny(slug);
        edited["output"] = new JsonObject { ["path"] = template };

        var saved = await SaveAsync(post, edited.ToJsonString(), "build");

        AssertNotice(saved, "error", $"The spec was not saved: {reason}.");
        await AssertUnchangedAsync(post, original);
    }

    [Theory]
    [InlineData("rules-dup-a", "rules-dup-a", "rules-dup-a")]
    [InlineData("rules-dup-b", "\\u0072ules-dup-b", "rules-dup-b")] // the owner's stored spec escapes a letter of its slug
    [InlineData("rules-dup-c", "rules-dup-c", "\\u0072ules-dup-c")] // the editor types it escaped
    public async Task ShouldNotSaveASlugAnotherTrophyHas(string slug, string ownerTyped, string takerTyped)
    {
        var owner = await Site.CreateTrophyAsync("Dup owner", WithSlugAsTyped(slug, ownerTyped));
        var original = TrophySpecs.Tiny($"{slug}-mine").ToJsonString();
        var post = await Site.CreateTrophyAsync("Dup taker", original);

        var saved = await SaveAsync(post, WithSlugAsTyped(slug, takerTyped), "build");
        var ownerSaved = await SaveAsync(owner, TrophySpecs.Tiny(slug).ToJsonString());

        AssertNotice(saved, "error", $"The spec was not saved: the slug '{slug}' is already used by the trophy 'Dup owner' (post {owner}); slugs are unique across trophies, or one would overwrite the other's images.");
        await AssertUnchangedAsync(post, original);
        Assert.Equal("saved", ownerSaved.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.False, ownerSaved.GetProperty("notice").ValueKind);
    }

    [Theory]
    [InlineData("pixels", "The spec was not saved: the canvas is 8192 × 8192 = 67,108,864 pixels per image, over the ceiling of 16,777,216 (WordPress:MaxPixelsPerImage).")]
    [InlineData("combinations", "The spec was not saved: the spec has 300,763 combinations, over the ceiling of 200,000 (WordPress:MaxCombinations).")]
    public async Task ShouldNotSaveASpecOverACeiling(string ceiling, string expected)
    {
        var original = TrophySpecs.Tiny($"rules-{ceiling}").ToJsonString();
        var post = await Site.CreateTrophyAsync($"Huge {ceiling}", original);
        var huge = TrophySpecs.Tiny($"rules-{ceiling}");
        if (ceiling == "pixels")
        {
            huge["canvas"] = new JsonObject { ["width"] = 8192, ["height"] = 8192 };
        }
        else
        {
            huge["slots"] = new JsonArray([.. "abc".Select(id => (JsonNode)new JsonObject
            {
                ["id"] = $"{id}",
                ["options"] = new JsonArray([.. Enumerable.Range(0, 67).Select(o => (JsonNode)new JsonObject { ["id"] = $"o{o}", ["image"] = "base/walnut.png" })]),
            })]);
        }

        var saved = await SaveAsync(post, huge.ToJsonString(), "build");

        AssertNotice(saved, "error", expected);
        await AssertUnchangedAsync(post, original);
    }

    [Fact]
    public async Task ShouldShowTheRulesAndCeilingsInTheMetaBox()
    {
        var post = await Site.CreateTrophyAsync("Shown", TrophySpecs.Tiny("rules-shown").ToJsonString());

        var box = await Site.RunAsync("render-meta-box", $"{post}");

        Assert.Contains(
            "Only published trophies are built. output.path must begin with {slug}/, and the slug must be this trophy&#039;s alone. Ceilings: 16,777,216 pixels per image, 200,000 combinations.",
            box,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldNotRequestABuildOfATrophyThatIsNotPublished()
    {
        var pressedDraft = await Site.CreateTrophyAsync("Draft pressed", TrophySpecs.Tiny("rules-draft-pressed").ToJsonString(), status: "draft");
        var savedDraft = await Site.CreateTrophyAsync("Draft saved", TrophySpecs.Tiny("rules-draft-saved").ToJsonString(), status: "draft");

        var pressed = await Site.PressAsync(pressedDraft, "build");
        var saved = await SaveAsync(savedDraft, TrophySpecs.Tiny("rules-draft-saved").ToJsonString(), "build", postStatus: "draft");

        Assert.Contains("k2tb_done=unpublished", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Equal("draft", saved.GetProperty("post_status").GetString());
        AssertNotice(saved, "error", "Only published trophies are built: this one is Draft. Publish it, then build.");
        Assert.Null((await Site.MetaAsync(pressedDraft)).Status);
        Assert.Null((await Site.MetaAsync(savedDraft)).Status);
    }

    [Fact]
    public async Task ShouldRequestTheBuildWhenPublishAndBuildImagesComeInOneSubmit()
    {
        var post = await Site.CreateTrophyAsync("Published now", TrophySpecs.Tiny("rules-publish-now").ToJsonString(), status: "draft");

        var saved = await SaveAsync(post, TrophySpecs.Tiny("rules-publish-now").ToJsonString(), "build");

        Assert.Equal("publish", saved.GetProperty("post_status").GetString());
        Assert.Equal(("success", "build"), (saved.GetProperty("notice").GetProperty("type").GetString(), saved.GetProperty("notice").GetProperty("action").GetString()));
        Assert.Equal("requested", (await Site.MetaAsync(post)).Status);
    }

    [Fact]
    public async Task ShouldNotRequestABuildOfASpecWrittenPastTheEditScreen()
    {
        // Through the API (update_post_meta) nothing checks the spec; the button still does.
        var spec = TrophySpecs.Tiny("rules-api");
        spec["output"] = new JsonObject { ["path"] = "rules-victim/{key}.{ext}" };
        var post = await Site.CreateTrophyAsync("Written by API", spec.ToJsonString());

        var pressed = await Site.PressAsync(post, "build");

        Assert.Contains("k2tb_done=spec_refused", pressed.GetProperty("location").GetString(), StringComparison.Ordinal);
        Assert.Null((await Site.MetaAsync(post)).Status);
    }

    [Fact]
    public async Task ShouldShowPrivateTrophiesOnlyToUsersWhoMayEditThem()
    {
        // An author who may keep trophies of their own, but not edit others' (no edit_others / edit_private).
        await Site.RunJsonAsync("grant-cap", "trophy_author", "edit_k2_trophies", "author");
        var secret = await Site.CreateTrophyAsync("Secret trophy", TrophySpecs.Tiny("rules-secret").ToJsonString(), status: "private");
        await Site.RunAsync("set-meta", $"{secret}", "_k2_build_status", "completed");
        await Site.RunAsync("set-meta", $"{secret}", "_k2_build_job", "rules-secret-20261128T211000Z");
        var open = await Site.CreateTrophyAsync("Open trophy", TrophySpecs.Tiny("rules-open").ToJsonString());

        var asAuthor = await Site.RunAsync("render-builds-page", "trophy_author");
        var asAdmin = await Site.RunAsync("render-builds-page", "admin");

        Assert.Contains($"<tr data-post=\"{open}\"", asAuthor, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret trophy", asAuthor, StringComparison.Ordinal);
        Assert.DoesNotContain("rules-secret", asAuthor, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"post_id\" value=\"{open}\"", asAuthor, StringComparison.Ordinal);
        Assert.Contains($"<tr data-post=\"{secret}\"", asAdmin, StringComparison.Ordinal);
        Assert.Contains("Secret trophy", asAdmin, StringComparison.Ordinal);
        Assert.Contains($"name=\"post_id\" value=\"{open}\"", asAdmin, StringComparison.Ordinal);
    }

    /// <summary>Tiny's JSON with the slug written as <paramref name="typed"/> (e.g. with a \\u escape).</summary>
    private static string WithSlugAsTyped(string slug, string typed)
    {
        var json = TrophySpecs.Tiny(slug).ToJsonString().Replace($"\"slug\":\"{slug}\"", $"\"slug\":\"{typed}\"", StringComparison.Ordinal);
        Assert.Contains(typed, json, StringComparison.Ordinal);
        return json;
    }

    private async Task<bool> CanAsync(string user, string cap) => (await Site.RunJsonAsync("user-can", user, cap)).GetProperty("can").GetBoolean();

    /// <summary>The trophy edit form submitted as the admin, through edit_post().</summary>
    private async Task<JsonElement> SaveAsync(long post, string spec, string action = "", string postStatus = "publish") =>
        await Site.RunJsonAsync("save-editor", $"{post}", await Site.WriteFileAsync(spec), action, "admin", postStatus);

    private static void AssertNotice(JsonElement saved, string type, string message)
    {
        Assert.Equal("saved", saved.GetProperty("outcome").GetString());
        var notice = saved.GetProperty("notice");
        Assert.True(notice.ValueKind == JsonValueKind.Object, $"no notice: {saved}");
        Assert.Equal((type, message), (notice.GetProperty("type").GetString(), notice.GetProperty("message").GetString()));
    }

    private async Task AssertUnchangedAsync(long post, string spec)
    {
        var meta = await Site.MetaAsync(post);
        Assert.Equal(spec, meta.First("_k2_trophy_spec"));
        Assert.Null(meta.Status);
    }
}
