using System.Text.Json.Nodes;
using ImageMagick;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.EditorTests;

/// <summary>
/// The visual editor in real wp-admin (private Apache with mod_php, headless Chromium over DevTools, real mouse and
/// keyboard events), with a real silo building and previewing: no JSON typed anywhere.
/// </summary>
public sealed class TheEditorInTheBrowser(EditorSite fixture) : IClassFixture<EditorSite>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldMakeAThreeLayerTrophyByClicksWhoseExactPreviewIsTheBuiltImage()
    {
        var media = new Dictionary<string, (long Id, string Path)>();
        foreach (var part in new[] { "base/walnut.png", "base/black-marble.png", "column/plain.png", "topper/star.png" })
        {
            var uploaded = await Site.RunJsonAsync("upload-media", Repository.Path("samples", "classic-cup", "assets", part), $"editor-{part.Replace('/', '-')}");
            media[part] = (uploaded.GetProperty("id").GetInt64(), uploaded.GetProperty("path").GetString()!);
        }

        var post = await Site.CreateTrophyAsync("Editor cup", "");
        await using var page = await DevToolsPage.OpenAsync(1400, 1000);
        await LogInAsync(page);
        await OpenEditorAsync(page, post);
        await Shot(page, "0-empty");

        await page.TypeAsync(Field("$.slug"), "ed-browser");
        await page.TypeAsync(Field("$.name"), "Editor cup");
        await page.TypeAsync(Field("$.canvas.width"), "300");
        await page.TypeAsync(Field("$.canvas.height"), "480");
        string[][] layers = [["Base", "Walnut", "base/walnut.png", "Black marble", "base/black-marble.png"], ["Column", "Gold", "column/plain.png"], ["Topper", "Star", "topper/star.png"]];
        for (var slot = 0; slot < layers.Length; slot++)
        {
            await page.ClickAsync(".k2tb-add-slot");
            await page.WaitForElementAsync(Field($"$.slots[{slot}].label"), Wait);
            await page.TypeAsync(Field($"$.slots[{slot}].label"), layers[slot][0]);
            for (var option = 0; option * 2 + 1 < layers[slot].Length; option++)
            {
                await page.ClickAsync($"[data-path=\"$.slots[{slot}]\"] .k2tb-add-option");
                var path = $"$.slots[{slot}].options[{option}]";
                await page.WaitForElementAsync(Field($"{path}.label"), Wait);
                await page.TypeAsync(Field($"{path}.label"), layers[slot][option * 2 + 1]);
                await ChooseAsync(page, path, media[layers[slot][option * 2 + 2]].Id);
            }
        }

        await page.ClickAsync(Field("$.slots[2].optional"));
        await Shot(page, "1-layers");
        // Placement: the topper (the top layer, so nothing covers it) dragged on the live preview, the others typed.
        await page.WaitForElementAsync(".k2tb-layer[data-slot=\"2\"]", Wait);
        await WaitFor.ConditionAsync("the topper layer to load", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-layer[data-slot=\"2\"]').naturalWidth")).GetInt32() > 0, Wait);
        var scale = (await page.EvaluateAsync("parseFloat(document.querySelector('.k2tb-stage').getAttribute('data-scale'))")).GetDouble();
        await page.DragAsync(".k2tb-layer[data-slot=\"2\"]", 100 * scale, 20 * scale);
        var dragged = (await page.EvaluateAsync($"[+document.querySelector('{Field("$.slots[2].options[0].x")}').value, +document.querySelector('{Field("$.slots[2].options[0].y")}').value]")).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        await page.TypeAsync(Field("$.slots[0].options[0].x"), "-10");
        await page.TypeAsync(Field("$.slots[0].options[0].y"), "356");
        await page.TypeAsync(Field("$.slots[0].options[1].x"), "10");
        await page.TypeAsync(Field("$.slots[0].options[1].y"), "356");
        await page.TypeAsync(Field("$.slots[1].options[0].x"), "130");
        await page.TypeAsync(Field("$.slots[1].options[0].y"), "156");
        await WaitFor.ConditionAsync("the renderer's check", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-check').getAttribute('data-state')")).GetString() == "ok", Wait);
        var count = (await page.EvaluateAsync("document.querySelector('.k2tb-count').textContent")).GetString();
        await Shot(page, "2-placed");

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
        Assert.Equal(media["base/walnut.png"].Path, saved["slots"]![0]!["options"]![0]!["image"]!.GetValue<string>());
        Assert.True(saved["slots"]![2]!["optional"]!.GetValue<bool>());

        // The build through the meta box's own button, then the exact preview of one combination.
        await page.WaitForElementAsync(".k2tb-editor.k2tb-live .k2tb-exact-button", Wait);
        await SubmitAsync(page, "button[name=\"k2tb_build_action\"][value=\"build\"]");
        await Site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(2), "built");
        await page.WaitForElementAsync(".k2tb-editor.k2tb-live .k2tb-exact-button", Wait);
        await page.ClickAsync(".k2tb-exact-button");
        await WaitFor.ConditionAsync("the exact preview", async () => (await page.EvaluateAsync("(function (i) { return i.getAttribute('data-key') !== null && i.complete && i.naturalWidth > 0; })(document.querySelector('.k2tb-exact'))")).GetBoolean(), Wait);
        var key = (await page.EvaluateAsync("document.querySelector('.k2tb-exact').getAttribute('data-key')")).GetString()!;
        var bytes = Convert.FromBase64String((await page.EvaluateAsync("fetch(document.querySelector('.k2tb-exact').src).then(function (r) { return r.arrayBuffer(); }).then(function (b) { var s = ''; new Uint8Array(b).forEach(function (c) { s += String.fromCharCode(c); }); return btoa(s); })")).GetString()!);
        await Shot(page, "3-exact-preview");

        Assert.Equal("walnut_gold_star", key);
        using var previewed = new MagickImage(bytes);
        using var built = new MagickImage(Path.Combine(Site.OutputRoot, "ed-browser", $"{key}.png"));
        Assert.Equal((300u, 480u), (previewed.Width, previewed.Height));
        Assert.Equal(0, previewed.Compare(built, ErrorMetric.Absolute));
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
        await LogInAsync(page);

        await OpenEditorAsync(page, post);
        await page.WaitForElementAsync(".k2tb-problem[data-for=\"$.slots[0].options[0].x\"]", Wait);
        await WaitFor.ConditionAsync("the renderer's check", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-check').getAttribute('data-state')")).GetString() == "problems", Wait);
        var flagged = await page.EvaluateAsync("""
            [].map.call(document.querySelectorAll('.k2tb-problem'), function (p) {
                var field = p.parentNode.querySelector('input, select');
                return { path: p.getAttribute('data-for'), text: p.textContent, field: field && field.getAttribute('data-path'),
                         invalid: field && field.getAttribute('aria-invalid'), described: field && field.getAttribute('aria-describedby') === p.id };
            })
            """);
        await page.EvaluateAsync("document.querySelector('.k2tb-problem[data-for=\"$.slots[0].options[0].x\"]').scrollIntoView(); true");
        await Shot(page, "4-problems");

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
        await LogInAsync(page);
        await OpenEditorAsync(page, post);
        var before = await TextAsync(page, ".k2tb-count");

        await page.ClickAsync("[data-path=\"$.slots[1].options[4]\"] button[aria-label^=\"Remove option\"]");
        var removed = await TextAsync(page, ".k2tb-count");
        await page.ClickAsync("[data-path=\"$.slots[0]\"] button[aria-label^=\"Move layer\"][aria-label$=\"up (drawn later)\"]");
        var json = JsonNode.Parse(await ValueAsync(page, "#k2tb-spec"))!;
        await Shot(page, "5-in-step");

        Assert.Equal("50 combinations", before);
        Assert.Equal("40 combinations", removed);
        Assert.Equal(["column", "base", "topper"], json["slots"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal(["gold", "silver", "bronze", "ruby"], json["slots"]![0]!["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        Assert.Equal("Layer 1 (bottom): Column", await TextAsync(page, "[data-path=\"$.slots[0]\"] legend"));

        // The power user's way: the JSON view edited, the editor redrawn from it.
        json["slots"]![0]!["label"] = "Pillar";
        await page.TypeAsync("#k2tb-spec", json.ToJsonString());
        await WaitFor.ConditionAsync("the editor redrawn from the JSON view", async () => await ValueAsync(page, Field("$.slots[0].label")) == "Pillar", Wait);
        Assert.Equal("Layer 1 (bottom): Pillar", await TextAsync(page, "[data-path=\"$.slots[0]\"] legend"));
    }

    private static async Task<string> TextAsync(DevToolsPage page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector({JsonValue.Create(selector).ToJsonString()}).textContent")).GetString()!;

    private static async Task<string> ValueAsync(DevToolsPage page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector({JsonValue.Create(selector).ToJsonString()}).value")).GetString()!;

    private static string Field(string path) => $"[data-path=\"{path}\"]";

    private static Task Shot(DevToolsPage page, string step) =>
        page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", $"l-editor-{step}.png"));

    private static async Task ChooseAsync(DevToolsPage page, string option, long attachment)
    {
        await page.ClickAsync($"[data-path=\"{option}\"] .k2tb-choose");
        var tile = $".media-modal .attachments .attachment[data-id=\"{attachment}\"]";
        // WordPress opens the frame on its Upload tab until the library has been shown once: the tab, as a user would.
        await page.WaitForElementAsync(".media-modal #menu-item-browse", Wait);
        await page.ClickAsync(".media-modal #menu-item-browse");
        try
        {
            await page.WaitForElementAsync(tile, Wait);
        }
        catch (TimeoutException e)
        {
            await Shot(page, "failed-media");
            var modal = await page.EvaluateAsync("(function (m) { return m ? m.innerText.slice(0, 2000) + ' | ' + [].map.call(m.querySelectorAll('.attachment'), function (a) { return a.getAttribute('data-id'); }).join(',') : 'no modal'; })(document.querySelector('.media-modal'))");
            throw new TimeoutException($"{e.Message} The modal: {modal}", e);
        }

        await page.ClickAsync(tile);
        await WaitFor.ConditionAsync("the Use this image button", async () => (await page.EvaluateAsync("!document.querySelector('.media-modal .media-button-select').disabled")).GetBoolean(), Wait);
        await page.ClickAsync(".media-modal .media-button-select");
        await WaitFor.ConditionAsync($"{option}'s image", async () =>
            (await page.EvaluateAsync($"(document.querySelector('[data-path=\"{option}.image\"]') || {{}}).textContent || ''")).GetString()!.StartsWith("Image: ", StringComparison.Ordinal), Wait);
    }

    /// <summary>The edit screen, once WordPress's own editor has set itself up (it changes the layout as it does).</summary>
    private async Task OpenEditorAsync(DevToolsPage page, long post)
    {
        await page.NavigateAsync($"{fixture.Apache.BaseUrl}/wp-admin/post.php?post={post}&action=edit");
        await WaitFor.ConditionAsync("the edit screen's editors", async () => (await page.EvaluateAsync(
            "!!document.querySelector('.k2tb-editor.k2tb-live') && (!window.tinymce || !document.getElementById('content') || !!(tinymce.get('content') && tinymce.get('content').initialized))")).GetBoolean(), Wait);
    }

    /// <summary>
    /// Clicks a button that submits the post form and waits for the page it leads to. The address says nothing
    /// (WordPress takes message= out of it again), so a mark left in the old document tells them apart.
    /// </summary>
    private static async Task SubmitAsync(DevToolsPage page, string selector)
    {
        await page.EvaluateAsync("window.__k2OldPage = true");
        await page.ClickAsync(selector);
        await WaitFor.ConditionAsync($"the page after {selector}", async () =>
        {
            try
            {
                return (await page.EvaluateAsync("document.readyState === 'complete' && !window.__k2OldPage && !!document.querySelector('.k2tb-editor.k2tb-live')")).GetBoolean();
            }
            catch (InvalidOperationException)
            {
                return false; // the old document went away while asked
            }
        }, Wait);
    }

    private async Task LogInAsync(DevToolsPage page)
    {
        await page.NavigateAsync($"{fixture.Apache.BaseUrl}/wp-login.php");
        await page.TypeAsync("#user_login", "admin");
        await page.TypeAsync("#user_pass", EditorSite.Password);
        await page.ClickAsync("#wp-submit");
        await page.WaitForLoadAsync("wp-admin after logging in", href => href.Contains("/wp-admin/", StringComparison.Ordinal));
    }
}
