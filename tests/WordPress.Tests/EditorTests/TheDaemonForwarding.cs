using System.Text.Json;
using System.Text.Json.Nodes;
using ImageMagick;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.EditorTests;

/// <summary>
/// The trophy editor's admin-ajax calls (K2TB_Editor::answer, as admin-ajax.php runs it) against a real silo's
/// /validate and /preview: the daemon's answer passed through, the token kept on the server, nonce and capability
/// checked before anything is forwarded.
/// </summary>
public sealed class TheDaemonForwarding(EditorSite fixture) : IClassFixture<EditorSite>
{
    private WordPressSite Site => fixture.Site;

    /// <summary>The classic cup with its layers named relative to the uploads folder, as the Media Library gives them.</summary>
    private static JsonObject UploadsSpec(string slug)
    {
        var spec = TrophySpecs.Sample("classic-cup", slug);
        spec["assetRoot"] = "k2-assets/classic-cup/assets";
        return spec;
    }

    [Fact]
    public async Task ShouldPassTheDaemonsPreviewThroughPixelIdenticalToTheBuiltFile()
    {
        var spec = UploadsSpec("ed-preview").ToJsonString();
        var post = await Site.CreateTrophyAsync("Preview cup", spec);
        await Site.PressAsync(post, "build");
        await Site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(3), "built");

        var answer = await AjaxAsync("preview", post, spec, "black-marble_ruby_star");

        Assert.Equal(200, answer.GetProperty("status").GetInt32());
        Assert.Equal("image/png", answer.GetProperty("type").GetString());
        using var previewed = new MagickImage(Convert.FromBase64String(answer.GetProperty("body").GetString()!));
        using var built = new MagickImage(Path.Combine(Site.OutputRoot, "ed-preview", "black-marble_ruby_star.png"));
        Assert.Equal((built.Width, built.Height), (previewed.Width, previewed.Height));
        Assert.Equal(0, previewed.Compare(built, ErrorMetric.Absolute));
    }

    [Fact]
    public async Task ShouldPassTheDaemonsProblemsThroughWithTheirJsonPaths()
    {
        var spec = UploadsSpec("ed-problems");
        spec["slots"]![1]!["options"]![1]!["id"] = "gold";
        var missing = UploadsSpec("ed-problems");
        missing["slots"]![2]!["options"]![0]!["image"] = "topper/missing.png";
        var post = await Site.CreateTrophyAsync("Problem cup", UploadsSpec("ed-problems").ToJsonString());

        var duplicate = await AjaxAsync("validate", post, spec.ToJsonString());
        // The daemon decodes layers only for a spec that passes its rules, so a missing file is a second answer.
        var lost = await AjaxAsync("validate", post, missing.ToJsonString());

        Assert.Equal((200, 200), (duplicate.GetProperty("status").GetInt32(), lost.GetProperty("status").GetInt32()));
        Assert.Equal(["$.slots[1].options[1].id"], Paths(duplicate));
        Assert.Equal(["$.slots[2].options[0].image"], Paths(lost));
        var body = JsonDocument.Parse(Body(lost)).RootElement;
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(2 * 5 * 5, body.GetProperty("combinations").GetInt32());
    }

    [Fact]
    public async Task ShouldResolveTheEditorsPathsAgainstTheUploadsFolderAndRefuseFoldersOutsideIt()
    {
        // As the editor writes a spec: assetRoot "." and each image relative to the uploads folder.
        var spec = UploadsSpec("ed-uploads");
        spec["assetRoot"] = ".";
        foreach (var option in spec["slots"]!.AsArray().SelectMany(s => s!["options"]!.AsArray()))
        {
            option!["image"] = "k2-assets/classic-cup/assets/" + option["image"]!.GetValue<string>();
        }

        var outside = UploadsSpec("ed-outside");
        outside["assetRoot"] = "../../..";
        var post = await Site.CreateTrophyAsync("Uploads cup", spec.ToJsonString());

        var valid = await AjaxAsync("validate", post, spec.ToJsonString());
        var preview = await AjaxAsync("preview", post, spec.ToJsonString(), "walnut_gold_star");
        var refused = await AjaxAsync("validate", post, outside.ToJsonString());

        // The silo allows only what docs/wordpress.md sets (EditorSite starts it without the tests' own roots).
        Assert.Contains("\"ok\":true", Body(valid), StringComparison.Ordinal);
        Assert.Equal((200, "image/png"), (preview.GetProperty("status").GetInt32(), preview.GetProperty("type").GetString()));
        var problem = JsonDocument.Parse(Body(refused)).RootElement.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal("$.assetRoot", problem.GetProperty("path").GetString());
        Assert.Contains("Rendering:AssetRoots", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldPassAnUnknownKeyRefusalThrough()
    {
        var spec = UploadsSpec("ed-key").ToJsonString();
        var post = await Site.CreateTrophyAsync("Key cup", spec);

        var answer = await AjaxAsync("preview", post, spec, "walnut_gold_nope");

        Assert.Equal(400, answer.GetProperty("status").GetInt32());
        Assert.Contains("unknown_key", Body(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseABadNonceAndUsersWhoMayNotEditTheTrophyBeforeForwarding()
    {
        var spec = UploadsSpec("ed-refused").ToJsonString();
        var post = await Site.CreateTrophyAsync("Refused cup", spec);

        var badNonce = await AjaxAsync("preview", post, spec, "walnut_gold_none", badNonce: true);
        var author = await AjaxAsync("preview", post, spec, "walnut_gold_none", user: "author");
        var subscriber = await AjaxAsync("validate", post, spec, user: "subscriber");
        var admin = await AjaxAsync("validate", post, spec);

        // The plugin's own refusals (its error codes), not the daemon's answers: nothing was forwarded.
        Assert.Equal((403, "bad_nonce"), (badNonce.GetProperty("status").GetInt32(), Error(badNonce)));
        Assert.Equal((403, "forbidden"), (author.GetProperty("status").GetInt32(), Error(author)));
        Assert.Equal((403, "forbidden"), (subscriber.GetProperty("status").GetInt32(), Error(subscriber)));
        Assert.Equal(200, admin.GetProperty("status").GetInt32());
        Assert.Contains("\"ok\":true", Body(admin), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldNeverPrintTheTokenInTheEditScreenOrTheSettings()
    {
        var post = await Site.CreateTrophyAsync("Token cup", UploadsSpec("ed-token").ToJsonString());

        var screen = await Site.RunAsync("edit-screen", $"{post}", "1");
        var box = await Site.RunAsync("render-meta-box", $"{post}");
        var field = await Site.RunAsync("render-settings-field", "images_token");
        var endpoint = await Site.RunAsync("render-settings-field", "images_endpoint");

        Assert.Contains("id=\"k2tb-editor\"", box, StringComparison.Ordinal);
        Assert.Contains("k2tb_spec", screen, StringComparison.Ordinal);
        foreach (var page in new[] { screen, box, field })
        {
            Assert.DoesNotContain(EditorSite.Token, page, StringComparison.Ordinal);
            Assert.DoesNotContain(EditorSite.Token[..12], page, StringComparison.Ordinal);
        }

        Assert.Contains("type=\"password\" value=\"\"", field, StringComparison.Ordinal);
        Assert.Contains($"value=\"http://localhost:{fixture.Daemon.ImagesPort}\"", endpoint, StringComparison.Ordinal);
    }

    private async Task<JsonElement> AjaxAsync(string kind, long post, string spec, string key = "", string user = "admin", bool badNonce = false)
    {
        var file = await Site.WriteFileAsync(spec);
        return badNonce
            ? await Site.RunJsonAsync("editor-ajax", kind, $"{post}", file, key, user, "bad-nonce")
            : await Site.RunJsonAsync("editor-ajax", kind, $"{post}", file, key, user);
    }

    private static List<string?> Paths(JsonElement answer) =>
        JsonDocument.Parse(Body(answer)).RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("path").GetString()).ToList();

    private static string? Error(JsonElement answer) => JsonDocument.Parse(Body(answer)).RootElement.GetProperty("error").GetString();

    private static string Body(JsonElement answer) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(answer.GetProperty("body").GetString()!));
}
