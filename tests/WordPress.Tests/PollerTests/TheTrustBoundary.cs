using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>
/// Requests the daemon must not build although they reach the database: each test first sets up what an attacker
/// could (a contributor's trophy, a flag written straight into postmeta past the plugin, a spec aimed at another
/// trophy's images, a build too large for a render slot), then shows the request refused with its reason and
/// nothing rendered or overwritten. The plugin's own refusals of the same are in PluginTests/TheTrophyRules.
/// </summary>
public sealed class TheTrustBoundary(SiteWithDaemon fixture) : IClassFixture<SiteWithDaemon>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private WordPressSite Site => fixture.Site;

    private DaemonCluster Daemon => fixture.Daemon;

    [Fact]
    public async Task ShouldNeitherLetAContributorCreateATrophyNorBuildOneOfTheirs()
    {
        // A contributor may write posts. With the post type's capabilities those of posts, that made them trophy
        // authors: create one, save a spec and press Build images, and the daemon rendered it.
        const string slug = "contrib-cup";
        var theirs = await Site.CreateTrophyAsync("Contributor's cup", "", status: "draft", author: "contributor");

        var created = await Site.RunJsonAsync("new-trophy", "contributor");
        var saved = await Site.RunJsonAsync("save-editor", $"{theirs}", await Site.WriteFileAsync(TrophySpecs.Tiny(slug).ToJsonString()), "build", "contributor");
        var pressed = await Site.PressAsync(theirs, "build", user: "contributor");
        await Daemon.WaitForPollsAsync(3, Timeout);

        Assert.Equal("died 403: Sorry, you are not allowed to create posts as this user.", Outcome(created));
        Assert.Equal("died 500: Sorry, you are not allowed to edit this post.", Outcome(saved));
        Assert.Equal("died 403: You may not build this trophy.", Outcome(pressed));
        var meta = await Site.MetaAsync(theirs);
        Assert.Null(meta.Status);
        Assert.Equal("", meta.First("_k2_trophy_spec"));
        Assert.False(Directory.Exists(Output(slug)), "nothing rendered");
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("pending")]
    [InlineData("private")]
    public async Task ShouldFailATrophyThatIsNotPublishedWhenItIsFlaggedInTheDatabase(string postStatus)
    {
        var slug = $"unpublished-{postStatus}";
        var post = await Site.CreateTrophyAsync($"Unpublished {postStatus}", TrophySpecs.Tiny(slug).ToJsonString(), status: postStatus);

        await FlagInDatabaseAsync(post);
        var meta = await WaitForVerdictAsync(post);

        Assert.Equal("failed", meta.Status);
        Assert.Equal($"Not built: only published trophies are built, and this one is {postStatus}. Publish it, then build again.", meta.Error);
        Assert.True(string.IsNullOrEmpty(meta.Job), meta.ToString());
        Assert.DoesNotContain(await Daemon.JobsAsync(), id => id.StartsWith(slug + "-", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Output(slug)), "nothing rendered");
    }

    [Theory]
    [InlineData("tpl1-cup", "tpl1-evil", "tpl1-cup/{key}.{ext}")]
    [InlineData("tpl2-cup", "tpl2", "{slug}-cup/{key}.{ext}")]
    public async Task ShouldRefuseAnOutputPathIntoAnotherTrophysFolder(string victimSlug, string attackerSlug, string template)
    {
        await BuiltTrophyAsync(victimSlug, "Victim");
        var before = Files(victimSlug);
        var attack = Unlike(TrophySpecs.Tiny(attackerSlug));
        attack["output"] = new JsonObject { ["path"] = template };
        var post = await Site.CreateTrophyAsync("Attacker", attack.ToJsonString());

        // Straight into the database: the plugin refuses to request this (PluginTests), the daemon must too.
        await FlagInDatabaseAsync(post);
        var meta = await WaitForVerdictAsync(post);

        Assert.Equal("failed", meta.Status);
        Assert.Equal(
            $"The spec was refused (1 problem):\n$.output.path: '{template}' must begin with '{{slug}}/', so that the images stay in the trophy's own folder",
            meta.Error);
        Assert.Equal(before, Files(victimSlug));
        Assert.False(Directory.Exists(Output(attackerSlug)), "nothing rendered");
    }

    [Fact]
    public async Task ShouldRefuseASlugAnOlderTrophyHasAndStillBuildTheOlderOne()
    {
        const string slug = "dup-cup";
        var (owner, firstJob) = await BuiltTrophyAsync(slug, "Owner cup");
        var before = Files(slug);
        var copy = await Site.CreateTrophyAsync("Copy cup", Unlike(TrophySpecs.Tiny(slug)).ToJsonString());

        await FlagInDatabaseAsync(copy);
        var refused = await WaitForVerdictAsync(copy);
        var afterRefusal = Files(slug);
        await Site.PressAsync(owner, "rebuild");
        var rebuilt = await Site.WaitForAsync(owner, m => m.Status == "completed" && m.Job != firstJob, Timeout, "the owner rebuilt");

        Assert.Equal("failed", refused.Status);
        Assert.Equal(
            $"Not built: the slug 'dup-cup' belongs to trophy post {owner} ('Owner cup'), and its images would be overwritten. Slugs are unique across trophies; give this one its own slug, then build again.",
            refused.Error);
        Assert.True(string.IsNullOrEmpty(refused.Job), refused.ToString());
        Assert.Equal(before, afterRefusal);
        Assert.Equal((2L, 0L), (rebuilt.Count("done"), rebuilt.Count("failed")));
        Assert.Equal(before, Files(slug));
    }

    [Theory]
    [InlineData("ceiling-pixels", "$.canvas: 4100 × 4100 is 16,810,000 pixels per image, over the ceiling of 16,777,216 (WordPress:MaxPixelsPerImage)")]
    [InlineData("ceiling-combinations", "$.slots: 300,763 combinations, over the ceiling of 200,000 (WordPress:MaxCombinations)")]
    public async Task ShouldRefuseARequestOverACeilingNamingItsKey(string slug, string expected)
    {
        var spec = TrophySpecs.Tiny(slug);
        if (slug == "ceiling-pixels")
        {
            // Just over 4096 × 4096; a canvas up to 8192 × 8192 is a valid spec, at about 1.2 GB per render slot.
            spec["canvas"] = new JsonObject { ["width"] = 4100, ["height"] = 4100 };
        }
        else
        {
            // 67³ = 300,763: over the WordPress ceiling, under the renderer's own million.
            spec["slots"] = new JsonArray([.. "abc".Select(id => (JsonNode)new JsonObject
            {
                ["id"] = $"{id}",
                ["options"] = new JsonArray([.. Enumerable.Range(0, 67).Select(o => (JsonNode)new JsonObject { ["id"] = $"o{o}", ["image"] = "base/walnut.png" })]),
            })]);
        }

        var post = await Site.CreateTrophyAsync($"Huge {slug}", spec.ToJsonString());
        await FlagInDatabaseAsync(post);
        var meta = await WaitForVerdictAsync(post);

        Assert.Equal("failed", meta.Status);
        Assert.Equal($"The spec was refused (1 problem):\n{expected}", meta.Error);
        Assert.True(string.IsNullOrEmpty(meta.Job), meta.ToString());
        Assert.False(Directory.Exists(Output(slug)), "nothing rendered");
    }

    /// <summary>A published trophy built through the Build images button; returns its post and job.</summary>
    private async Task<(long Post, string Job)> BuiltTrophyAsync(string slug, string title)
    {
        var post = await Site.CreateTrophyAsync(title, TrophySpecs.Tiny(slug).ToJsonString());
        await Site.PressAsync(post, "build");
        var meta = await Site.WaitForAsync(post, m => m.Status == "completed", Timeout, $"{slug} built");
        Assert.Equal(2, meta.Count("done"));
        return (post, meta.Job!);
    }

    /// <summary>The spec with a larger canvas: same keys, other pixels, so an overwrite would show in the files.</summary>
    private static JsonObject Unlike(JsonObject spec)
    {
        spec["canvas"] = new JsonObject { ["width"] = 24, ["height"] = 24 };
        return spec;
    }

    /// <summary>What a direct database write (or a plugin bypassed) leaves: a plain build request.</summary>
    private Task<int> FlagInDatabaseAsync(long post) =>
        Site.ExecuteAsync($"INSERT INTO {WordPressSite.TablePrefix}postmeta (post_id, meta_key, meta_value) VALUES (@post, '_k2_build_status', 'requested')", ("post", post));

    /// <summary>Waits until the daemon has decided: the request is no longer waiting to be claimed or started.</summary>
    private Task<PostMeta> WaitForVerdictAsync(long post) =>
        Site.WaitForAsync(post, m => m.Status is not ("requested" or "queued"), Timeout, "the daemon's verdict");

    /// <summary>A wp-driver answer in short: "died 403: why", or "created", "saved", "redirect".</summary>
    private static string Outcome(JsonElement answer) =>
        answer.GetProperty("outcome").GetString()
        + (answer.TryGetProperty("status", out var status) ? $" {status}" : "")
        + (answer.TryGetProperty("message", out var message) ? $": {message.GetString()}" : "");

    private string Output(string slug) => Path.Combine(Site.OutputRoot, slug);

    /// <summary>The trophy's images by name, each as a hash of its bytes.</summary>
    private SortedDictionary<string, string> Files(string slug) =>
        new(Directory.GetFiles(Output(slug)).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
