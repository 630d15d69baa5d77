using System.Text.Json;
using System.Text.Json.Nodes;
using ImageMagick;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;
using static K2Orleans.WordPress.Tests.EditorTests.EditorSteps;

namespace K2Orleans.WordPress.Tests.EditorTests;

/// <summary>
/// The visual editor in real wp-admin (private Apache with mod_php, headless Chromium over DevTools, real mouse and
/// keyboard events), with a real silo building and previewing: no JSON typed anywhere. Images
/// come into the Media Library through its own upload button and the browser's file chooser.
/// </summary>
public sealed class TheEditorInTheBrowser(EditorSite fixture) : IClassFixture<EditorSite>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldMakeAThreeLayerTrophyFromImagesUploadedByClicksThatTheShopsBuilderShows()
    {
        var post = await Site.CreateTrophyAsync("Editor cup", "");
        await using var page = await DevToolsPage.OpenAsync(1400, 1000);
        await LogInAsync(page, fixture);
        await OpenEditorAsync(page, fixture, post);
        await Shot(page, "0-empty");

        await TypeInEditorAsync(page, Field("$.slug"), "ed-browser");
        await TypeInEditorAsync(page, Field("$.name"), "Editor cup");
        await TypeInEditorAsync(page, Field("$.canvas.width"), "300");
        await TypeInEditorAsync(page, Field("$.canvas.height"), "480");
        string[][] layers = [["Base", "Walnut", "base/walnut.png", "Black marble", "base/black-marble.png"], ["Column", "Gold", "column/plain.png"], ["Topper", "Star", "topper/star.png"]];
        var uploaded = new Dictionary<string, string>();
        for (var slot = 0; slot < layers.Length; slot++)
        {
            await ClickInEditorAsync(page, ".k2tb-add-slot");
            await page.WaitForElementAsync(Field($"$.slots[{slot}].label"), Deadline);
            await TypeInEditorAsync(page, Field($"$.slots[{slot}].label"), layers[slot][0]);
            for (var option = 0; option * 2 + 1 < layers[slot].Length; option++)
            {
                await ClickInEditorAsync(page, $"[data-path=\"$.slots[{slot}]\"] .k2tb-add-option");
                var path = $"$.slots[{slot}].options[{option}]";
                await page.WaitForElementAsync(Field($"{path}.label"), Deadline);
                await TypeInEditorAsync(page, Field($"{path}.label"), layers[slot][option * 2 + 1]);
                var part = layers[slot][option * 2 + 2];
                uploaded[part] = await UploadAsync(page, path, Sample(part), slot == 0 && option == 0 ? "1-media-library-upload" : null);
            }
        }

        await ClickInEditorAsync(page, Field("$.slots[2].optional"));
        await Shot(page, "2-layers");
        // Placement: the topper (the top layer, so nothing covers it) dragged on the live preview, the others typed.
        await page.WaitForElementAsync(".k2tb-layer[data-slot=\"2\"]", Deadline);
        await WaitFor.ConditionAsync("the topper layer to load", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-layer[data-slot=\"2\"]').naturalWidth")).GetInt32() > 0, Deadline);
        var scale = (await page.EvaluateAsync("parseFloat(document.querySelector('.k2tb-stage').getAttribute('data-scale'))")).GetDouble();
        await SettledAsync(page);
        await page.DragAsync(".k2tb-layer[data-slot=\"2\"]", 100 * scale, 20 * scale);
        var dragged = (await page.EvaluateAsync($"[+document.querySelector('{Field("$.slots[2].options[0].x")}').value, +document.querySelector('{Field("$.slots[2].options[0].y")}').value]")).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        await TypeInEditorAsync(page, Field("$.slots[0].options[0].x"), "-10");
        await TypeInEditorAsync(page, Field("$.slots[0].options[0].y"), "356");
        await TypeInEditorAsync(page, Field("$.slots[0].options[1].x"), "10");
        await TypeInEditorAsync(page, Field("$.slots[0].options[1].y"), "356");
        await TypeInEditorAsync(page, Field("$.slots[1].options[0].x"), "130");
        await TypeInEditorAsync(page, Field("$.slots[1].options[0].y"), "156");
        await WaitFor.ConditionAsync("the renderer's check", async () => await AttributeAsync(page, ".k2tb-check", "data-state") == "ok", Deadline);
        var count = await TextAsync(page, ".k2tb-count");
        await Shot(page, "3-placed");

        await SubmitAsync(page, "#publish");
        var saved = JsonNode.Parse((await Site.RunJsonAsync("meta", $"{post}")).GetProperty("spec").GetString()!)!;

        // 2 bases × 1 column × (1 topper or none).
        Assert.Equal("4 combinations", count);
        Assert.Equal(1.0, scale);
        Assert.Equal([100, 20], dragged);
        Assert.Equal([100, 20], new[] { saved["slots"]![2]!["options"]![0]!["x"]!.GetValue<int>(), saved["slots"]![2]!["options"]![0]!["y"]!.GetValue<int>() });
        Assert.Equal("ed-browser", saved["slug"]!.GetValue<string>());
        Assert.Equal(["base", "column", "topper"], saved["slots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(["walnut", "black-marble"], saved["slots"]![0]!["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.True(saved["slots"]![2]!["optional"]!.GetValue<bool>());
        Assert.Equal(uploaded["base/walnut.png"], saved["slots"]![0]!["options"]![0]!["image"]!.GetValue<string>());
        // Each image is the file WordPress stored from the upload, named relative to the uploads folder.
        foreach (var (part, image) in uploaded)
        {
            Assert.False(Path.IsPathRooted(image) || image.Contains("://", StringComparison.Ordinal), $"{part} is named {image}");
            Assert.Equal(await File.ReadAllBytesAsync(Sample(part)), await File.ReadAllBytesAsync(Path.Combine(fixture.Uploads, image)));
        }

        // The build through the meta box's own button, then the exact preview of one combination.
        await page.WaitForElementAsync(".k2tb-editor.k2tb-live .k2tb-exact-button", Deadline);
        await SubmitAsync(page, "button[name=\"k2tb_build_action\"][value=\"build\"]");
        await Site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(2), "built");
        await page.WaitForElementAsync(".k2tb-editor.k2tb-live .k2tb-exact-button", Deadline);
        await ClickInEditorAsync(page, ".k2tb-exact-button");
        await WaitFor.ConditionAsync("the exact preview", async () => (await page.EvaluateAsync("(function (i) { return i.getAttribute('data-key') !== null && i.complete && i.naturalWidth > 0; })(document.querySelector('.k2tb-exact'))")).GetBoolean(), Deadline);
        var key = (await AttributeAsync(page, ".k2tb-exact", "data-key"))!;
        var bytes = Convert.FromBase64String((await page.EvaluateAsync("fetch(document.querySelector('.k2tb-exact').src).then(function (r) { return r.arrayBuffer(); }).then(function (b) { var s = ''; new Uint8Array(b).forEach(function (c) { s += String.fromCharCode(c); }); return btoa(s); })")).GetString()!);
        await Shot(page, "4-exact-preview");

        Assert.Equal("walnut_gold_star", key);
        using var previewed = new MagickImage(bytes);
        using var built = new MagickImage(Path.Combine(Site.OutputRoot, "ed-browser", $"{key}.png"));
        Assert.Equal((300u, 480u), (previewed.Width, previewed.Height));
        Assert.Equal(0, previewed.Compare(built, ErrorMetric.Absolute));

        // The shop: issue K's builder on a product page shows the new trophy from its built files.
        var shop = (await Site.RunJsonAsync("create-page", "Build your editor cup", "[k2_trophy_builder trophy=\"ed-browser\"]")).GetProperty("page_id").GetInt64();
        await page.NavigateAsync($"{fixture.Apache.BaseUrl}/?page_id={shop}");
        await WaitForImageAsync(page, ".k2tb-image", BuiltUrl("walnut_gold_star"));
        await page.ClickAsync("input[name=\"k2[base]\"][value=\"black-marble\"]");
        await WaitForImageAsync(page, ".k2tb-image", BuiltUrl("black-marble_gold_star"));
        var alt = await AttributeAsync(page, ".k2tb-image", "alt");
        await Shot(page, "8-shop-builder");

        Assert.Equal("Editor cup: Base: Black marble, Column: Gold, Topper: Star", alt);
        foreach (var shown in new[] { "walnut_gold_star", "black-marble_gold_star" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Site.OutputRoot, "ed-browser", $"{shown}.png")), await Http.GetByteArrayAsync(BuiltUrl(shown)));
        }
    }

    [Fact]
    public async Task ShouldEstimateTheBuildTimeFromTheDaemonsRecentRateAsTheSlotsChange()
    {
        var spec = TrophySpecs.Sample("classic-cup", "ed-rate");
        spec["assetRoot"] = "k2-assets/classic-cup/assets";
        var post = await Site.CreateTrophyAsync("Rate cup", spec.ToJsonString());
        await Site.PressAsync(post, "build");
        await Site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(3), "built");
        var jobId = (await Site.MetaAsync(post)).Job!;
        // The poller reads the job itself, but the editor reads the bridge's STATUS, a snapshot refreshed every
        // second: until that snapshot has the build finished, the page would show its last running rate instead.
        JsonElement job = default;
        await WaitFor.ConditionAsync("the bridge's STATUS to show the build completed", () =>
        {
            using var status = fixture.Daemon.Ask("STATUS");
            var listed = status?.RootElement.GetProperty("jobs").EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == jobId);
            job = listed is { ValueKind: JsonValueKind.Object } found ? found.Clone() : default;
            return job.ValueKind == JsonValueKind.Object && job.GetProperty("status").GetString() == "completed";
        }, Deadline);
        await using var page = await DevToolsPage.OpenAsync(1400, 1000);
        await LogInAsync(page, fixture);

        await OpenEditorAsync(page, fixture, post);
        var before = await EstimateAsync(page);
        await ClickInEditorAsync(page, "[data-path=\"$.slots[1].options[4]\"] button[aria-label^=\"Remove option\"]");
        var after = await EstimateAsync(page);
        await ClickInEditorAsync(page, Field("$.slots[0].optional"));
        var optional = await EstimateAsync(page);
        await page.EvaluateAsync("document.querySelector('.k2tb-count').scrollIntoView({ block: 'center' }); true");
        await Shot(page, "7-estimate");

        // The latest build is this one: images rendered per second of its run, as the status bridge reports it.
        var rate = Math.Round(job.GetProperty("done").GetInt64() / job.GetProperty("elapsed_s").GetDouble(), 2);
        Assert.Equal(50, job.GetProperty("done").GetInt64());
        Assert.Equal((jobId, rate), (before.Job, before.Rate));
        Assert.Equal(50 / rate, before.Seconds, 0.051);
        Assert.Equal(40 / rate, after.Seconds, 0.051);
        Assert.Equal(60 / rate, optional.Seconds, 0.051);
        Assert.StartsWith("Estimated build time: ", before.Text, StringComparison.Ordinal);
        Assert.Contains($"for all 50 images", before.Text, StringComparison.Ordinal);
        Assert.Contains($"for all 40 images", after.Text, StringComparison.Ordinal);
        Assert.Contains($"(build {jobId})", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFlagADuplicateLabelAndALayerOutsideTheCanvasNextToTheirFieldsBeforeAnyBuild()
    {
        var spec = TrophySpecs.Sample("classic-cup", "ed-flagged");
        spec["assetRoot"] = "k2-assets/classic-cup/assets";
        // Two options labelled Gold: the id an editor derives from each label is the same.
        spec["slots"]![1]!["options"]![1]!["label"] = "Gold";
        spec["slots"]![1]!["options"]![1]!["id"] = "gold";
        spec["slots"]![0]!["options"]![0]!["x"] = 5000;
        var post = await Site.CreateTrophyAsync("Flagged cup", spec.ToJsonString());
        await using var page = await DevToolsPage.OpenAsync(1400, 1000);
        await LogInAsync(page, fixture);

        await OpenEditorAsync(page, fixture, post);
        await page.WaitForElementAsync(".k2tb-problem[data-for=\"$.slots[0].options[0].x\"]", Deadline);
        await WaitFor.ConditionAsync("the renderer's check", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-check').getAttribute('data-state')")).GetString() == "problems", Deadline);
        var flagged = await page.EvaluateAsync("""
            [].map.call(document.querySelectorAll('.k2tb-problem'), function (p) {
                var field = p.parentNode.querySelector('input, select');
                return { path: p.getAttribute('data-for'), text: p.textContent, field: field && field.getAttribute('data-path'),
                         invalid: field && field.getAttribute('aria-invalid'), described: field && field.getAttribute('aria-describedby') === p.id };
            })
            """);
        await page.EvaluateAsync("document.querySelector('.k2tb-problem[data-for=\"$.slots[0].options[0].x\"]').scrollIntoView(); true");
        await Shot(page, "5-problems");

        var problems = flagged.EnumerateArray().ToList();
        var duplicate = problems.Where(p => p.GetProperty("path").GetString() == "$.slots[1].options[1].id").ToList();
        var outside = problems.Single(p => p.GetProperty("path").GetString() == "$.slots[0].options[0].x");
        Assert.NotEmpty(duplicate);
        Assert.All(duplicate, p => Assert.Equal("$.slots[1].options[1].id", p.GetProperty("field").GetString()));
        Assert.Contains(duplicate, p => p.GetProperty("text").GetString()!.Contains("duplicate option id 'gold'", StringComparison.Ordinal));
        Assert.Equal("$.slots[0].options[0].x", outside.GetProperty("field").GetString());
        Assert.Equal("true", outside.GetProperty("invalid").GetString());
        Assert.StartsWith("Problem: the layer (", outside.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("entirely outside the 300 × 480 canvas", outside.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Null((await Site.MetaAsync(post)).Status);
    }

    [Fact]
    public async Task ShouldKeepTheJsonViewAndTheEditorInStepWithTheCountFollowing()
    {
        var spec = TrophySpecs.Sample("classic-cup", "ed-step");
        spec["assetRoot"] = "k2-assets/classic-cup/assets";
        var post = await Site.CreateTrophyAsync("Step cup", spec.ToJsonString());
        await using var page = await DevToolsPage.OpenAsync(1400, 1000);
        await LogInAsync(page, fixture);
        await OpenEditorAsync(page, fixture, post);
        var before = await TextAsync(page, ".k2tb-count");

        await ClickInEditorAsync(page, "[data-path=\"$.slots[1].options[4]\"] button[aria-label^=\"Remove option\"]");
        var removed = await TextAsync(page, ".k2tb-count");
        await ClickInEditorAsync(page, "[data-path=\"$.slots[0]\"] button[aria-label^=\"Move layer\"][aria-label$=\"up (drawn later)\"]");
        var json = JsonNode.Parse(await ValueAsync(page, "#k2tb-spec"))!;
        await Shot(page, "6-in-step");

        Assert.Equal("50 combinations", before);
        Assert.Equal("40 combinations", removed);
        Assert.Equal(["column", "base", "topper"], json["slots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(["gold", "silver", "bronze", "ruby"], json["slots"]![0]!["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal("Layer 1 (bottom): Column", await TextAsync(page, "[data-path=\"$.slots[0]\"] legend"));

        // The power user's way: the JSON view edited, the editor redrawn from it.
        json["slots"]![0]!["label"] = "Pillar";
        await TypeInEditorAsync(page, "#k2tb-spec", json.ToJsonString());
        await WaitFor.ConditionAsync("the editor redrawn from the JSON view", async () => await ValueAsync(page, Field("$.slots[0].label")) == "Pillar", Deadline);
        Assert.Equal("Layer 1 (bottom): Pillar", await TextAsync(page, "[data-path=\"$.slots[0]\"] legend"));
    }

    private static string Sample(string part) => Repository.Path("samples", "classic-cup", "assets", part);

    private string BuiltUrl(string key) => $"{fixture.Apache.BaseUrl}/wp-content/uploads/k2-trophies/ed-browser/{key}.png";

    private static async Task<(string Text, string? Job, double Rate, double Seconds)> EstimateAsync(DevToolsPage page)
    {
        var estimate = await page.EvaluateAsync("(function (e) { return { text: e.textContent, job: e.getAttribute('data-job'), rate: +e.getAttribute('data-rate'), seconds: +e.getAttribute('data-seconds') }; })(document.querySelector('.k2tb-estimate'))");
        return (estimate.GetProperty("text").GetString()!, estimate.GetProperty("job").GetString(), estimate.GetProperty("rate").GetDouble(), estimate.GetProperty("seconds").GetDouble());
    }
}
