using System.Globalization;
using System.Text.Json;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;
using Xunit.Abstractions;

namespace K2Orleans.WordPress.Tests.StorefrontTests;

/// <summary>
/// The builder on a product page as a customer gets it: WordPress served by a real Apache with mod_php, images built
/// by a real silo, headless Chromium clicking the controls (DevTools Protocol, real mouse events).
/// </summary>
public sealed class TheBuilderInTheBrowser(ShopInBrowser shop, ITestOutputHelper output) : IClassFixture<ShopInBrowser>
{
    private static readonly string[] Slots = ["base", "column", "topper"];

    private static readonly string[][] Choices =
    [
        ["black-marble", "walnut"],
        ["gold", "silver", "bronze", "ruby", "sapphire"],
        ["cup", "star", "victory", "torch", "none"],
    ];

    /// <summary>
    /// Resolves with what the page shows once the image that a change asked for has loaded and two frames have been
    /// drawn since (the change-to-painted time), measured from the change event itself.
    /// </summary>
    private const string Probe = """
        window.__k2next = new Promise(function (done) {
            var img = document.querySelector('.k2tb-image'), t0 = 0;
            window.addEventListener('change', function () { t0 = performance.now(); }, { capture: true, once: true });
            img.addEventListener('load', function () {
                requestAnimationFrame(function () { requestAnimationFrame(function () {
                    done({ ms: performance.now() - t0, src: img.currentSrc, width: img.naturalWidth, alt: img.alt, url: location.href });
                }); });
            }, { once: true });
        }); true
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task ShouldShowEachChosenBuiltFileWithOneImageRequestPerChange()
    {
        await using var page = await DevToolsPage.OpenAsync();
        await page.NavigateAsync(shop.PageUrl);
        await page.EvaluateAsync("performance.setResourceTimingBufferSize(5000); true");
        var first = await page.EvaluateAsync("(function (i) { return { src: i.currentSrc, width: i.naturalWidth, live: i.closest('form').classList.contains('k2tb-live') }; })(document.querySelector('.k2tb-image'))");
        Assert.Equal(shop.ImageUrl("walnut_gold_none"), first.GetProperty("src").GetString());
        Assert.True(first.GetProperty("live").GetBoolean(), "builder.js did not start");
        await page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", "k-builder-0-defaults.png"));

        var current = new[] { 1, 0, 4 };
        var seen = new HashSet<string>(await EntriesAsync(page, 0));
        var swatches = (await page.EvaluateAsync("[].map.call(document.querySelectorAll('.k2tb-swatch img'), function (i) { return i.src; })")).EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        List<double> cold = [], warm = [];
        for (var round = 0; round < 4; round++)
        {
            for (var slot = 0; slot < Slots.Length; slot++)
            {
                foreach (var _ in new[] { "first", "again" })
                {
                    current[slot] = (current[slot] + 1) % Choices[slot].Length;
                    var key = string.Join('_', current.Select((c, s) => Choices[s][c]));
                    var url = shop.ImageUrl(key);
                    var wasCold = !seen.Contains(url);
                    var mark = (await page.EvaluateAsync("performance.getEntriesByType('resource').length")).GetInt32();
                    await page.EvaluateAsync(Probe);

                    await page.ClickAsync($"input[name=\"k2[{Slots[slot]}]\"][value=\"{Choices[slot][current[slot]]}\"]");
                    var shown = await page.EvaluateAsync("window.__k2next");

                    Assert.Equal(url, shown.GetProperty("src").GetString());
                    Assert.True(shown.GetProperty("width").GetInt32() > 0, $"{key} did not decode");
                    Assert.EndsWith($"trophy={ShopInBrowser.Slug}&k2={key}", shown.GetProperty("url").GetString(), StringComparison.Ordinal);
                    Assert.Equal($"Classic Cup: Base: {Label(0, current)}, Column: {Label(1, current)}, Topper figure: {Label(2, current)}", shown.GetProperty("alt").GetString());
                    Assert.Equal(await File.ReadAllBytesAsync(shop.ImageFile(key)), await Http.GetByteArrayAsync(url));

                    // The preloads a change starts: the slot's other choices, the others as chosen, at the size shown.
                    var preloads = Choices[slot].Where((_, c) => c != current[slot])
                        .Select(choice => shop.ImageUrl(string.Join('_', current.Select((c, s) => s == slot ? choice : Choices[s][c])))).ToHashSet();
                    var fresh = preloads.Where(p => !seen.Contains(p)).ToList();
                    await WaitFor.ConditionAsync($"the preloads of {Slots[slot]} ({string.Join(", ", fresh)})",
                        async () => fresh.All((await EntriesAsync(page, mark)).Contains), TimeSpan.FromSeconds(30));
                    var requests = await EntriesAsync(page, mark);

                    var others = requests.Where(r => r != url && !preloads.Contains(r) && !swatches.Contains(r)).ToList();
                    Assert.True(others.Count == 0, $"change to {key} made other requests: {string.Join(", ", others)}");
                    // A preloaded image usually comes from the memory cache (no entry), at most from the HTTP cache (one).
                    Assert.InRange(requests.Count(r => r == url), wasCold ? 1 : 0, 1);
                    (wasCold ? cold : warm).Add(shown.GetProperty("ms").GetDouble());
                    seen.UnionWith(requests);
                }
            }

            if (round == 0)
            {
                await page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", "k-builder-1-changed.png"));
            }
        }

        var markup = (await page.EvaluateAsync("new Blob([document.querySelector('form.k2tb-builder').outerHTML]).size")).GetInt32();
        var assets = Path.Combine(shop.Site.ContentFolder, "plugins", "k2-trophy-builder", "assets");
        var script = new FileInfo(Path.Combine(assets, "builder.js")).Length;
        var style = new FileInfo(Path.Combine(assets, "builder.css")).Length;
        output.WriteLine($"change to painted, cold (not preloaded): n={cold.Count} p50={Percentile(cold, 50):0.0} ms p95={Percentile(cold, 95):0.0} ms");
        output.WriteLine($"change to painted, warm (preloaded):     n={warm.Count} p50={Percentile(warm, 50):0.0} ms p95={Percentile(warm, 95):0.0} ms");
        output.WriteLine($"builder: markup {markup} B, builder.js {script} B, builder.css {style} B, total {markup + script + style} B");
        Assert.True(cold.Count >= 6 && warm.Count >= 6, $"expected both kinds of change, had {cold.Count} cold and {warm.Count} warm");
        Assert.True(script + style < 10 * 1024, $"builder.js and builder.css are {script + style} bytes");
        Assert.True(markup + script + style <= 15 * 1024, $"the builder's markup, script and style are {markup + script + style} bytes");
    }

    [Fact]
    public async Task ShouldShowTheCombinationTheNoScriptFormSubmitsAndASharedLinkNames()
    {
        await using var page = await DevToolsPage.OpenAsync();
        await page.ScriptsAsync(enabled: false);
        await page.NavigateAsync(shop.PageUrl);
        foreach (var (slot, choice) in new[] { ("base", "black-marble"), ("column", "ruby"), ("topper", "star") })
        {
            await page.ClickAsync($"input[name=\"k2[{slot}]\"][value=\"{choice}\"]");
        }

        await page.ClickAsync(".k2tb-submit button");
        await page.WaitForLoadAsync("the page the form asks for", href => href.Contains("k2%5Btopper%5D=star", StringComparison.Ordinal));
        var submitted = await page.OuterHtmlAsync(".k2tb-image");
        await page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", "k-builder-2-no-script.png"));

        await page.ScriptsAsync(enabled: true);
        await page.NavigateAsync($"{shop.PageUrl}&trophy={ShopInBrowser.Slug}&k2=walnut_sapphire_torch");
        var shared = await page.EvaluateAsync("(function (i) { return { src: i.currentSrc, width: i.naturalWidth, topper: i.closest('form').elements['k2[topper]'].value }; })(document.querySelector('.k2tb-image'))");

        Assert.Contains($"src=\"{shop.ImageUrl("black-marble_ruby_star")}\"", submitted, StringComparison.Ordinal);
        Assert.Equal(shop.ImageUrl("walnut_sapphire_torch"), shared.GetProperty("src").GetString());
        Assert.True(shared.GetProperty("width").GetInt32() > 0);
        Assert.Equal("torch", shared.GetProperty("topper").GetString());
    }

    [Fact]
    public async Task ShouldShowADeletedCombinationThroughTheEndpointOrThePlaceholderNeverBroken()
    {
        await shop.Site.RunAsync("set-images", "", "/k2-images/");
        await using var page = await DevToolsPage.OpenAsync();
        // The other tests of the class expect every image built: what is deleted here is put back afterwards.
        string[] deleted = ["black-marble_bronze_victory", "walnut_ruby_cup", "walnut_silver_cup"];
        var kept = deleted.ToDictionary(key => key, key => File.ReadAllBytes(shop.ImageFile(key)));
        try
        {
            // Server side: the file is missing when the page is made, so the page links the endpoint, which renders it.
            File.Delete(shop.ImageFile("black-marble_bronze_victory"));
            await page.NavigateAsync($"{shop.PageUrl}&trophy={ShopInBrowser.Slug}&k2=black-marble_bronze_victory");
            await WaitFor.ConditionAsync("the image to load", async () => (await page.EvaluateAsync("document.querySelector('.k2tb-image').complete")).GetBoolean(), TimeSpan.FromSeconds(30));
            var linked = await ImageAsync(page);
            Assert.Equal($"{shop.Apache.BaseUrl}/k2-images/{ShopInBrowser.Slug}/black-marble_bronze_victory.png", linked.GetProperty("src").GetString());
            Assert.True(linked.GetProperty("width").GetInt32() > 0, "the endpoint's image did not decode");
            Assert.Equal(await File.ReadAllBytesAsync(shop.ImageFile("black-marble_bronze_victory")), await Http.GetByteArrayAsync(linked.GetProperty("src").GetString()));

            // Client side: the file goes missing after the page was made; the 404 turns into the endpoint's URL.
            File.Delete(shop.ImageFile("walnut_ruby_cup"));
            await page.NavigateAsync(shop.PageUrl);
            await page.EvaluateAsync(Probe);
            await page.ClickAsync("input[name=\"k2[column]\"][value=\"ruby\"]");
            await page.EvaluateAsync("window.__k2next");
            await page.EvaluateAsync(Probe);
            await page.ClickAsync("input[name=\"k2[topper]\"][value=\"cup\"]");
            var fallen = await page.EvaluateAsync("window.__k2next");
            Assert.Equal($"{shop.Apache.BaseUrl}/k2-images/{ShopInBrowser.Slug}/walnut_ruby_cup.png", fallen.GetProperty("src").GetString());
            Assert.True(fallen.GetProperty("width").GetInt32() > 0);
            Assert.True(File.Exists(shop.ImageFile("walnut_ruby_cup")), "the silo did not write the image it rendered on request");

            // No endpoint configured: the placeholder, not a broken image.
            await shop.Site.RunAsync("set-images", "", "");
            File.Delete(shop.ImageFile("walnut_silver_cup"));
            await page.NavigateAsync(shop.PageUrl);
            await page.EvaluateAsync(Probe);
            await page.ClickAsync("input[name=\"k2[column]\"][value=\"silver\"]");
            await page.EvaluateAsync("window.__k2next");
            await page.EvaluateAsync(Probe);
            await page.ClickAsync("input[name=\"k2[topper]\"][value=\"cup\"]");
            var placeholder = await page.EvaluateAsync("window.__k2next");
            await page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", "k-builder-3-being-prepared.png"));
            Assert.Equal($"{shop.Apache.BaseUrl}/wp-content/plugins/k2-trophy-builder/assets/preparing.svg", placeholder.GetProperty("src").GetString());
            Assert.True(placeholder.GetProperty("width").GetInt32() > 0);
        }
        finally
        {
            await shop.Site.RunAsync("set-images", "", "");
            foreach (var (key, bytes) in kept)
            {
                await File.WriteAllBytesAsync(shop.ImageFile(key), bytes);
            }
        }
    }

    [Fact]
    public async Task ShouldServeTheImagesFolderAsStaticFilesWithALongCacheLifetime()
    {
        using var response = await Http.GetAsync(shop.ImageUrl("walnut_gold_none"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=604800", response.Headers.CacheControl?.ToString());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ShouldListTheFailedCombinationOfARealBuildWithTheDaemonsReason()
    {
        var meta = await shop.Site.MetaAsync(shop.BrokenTrophy);
        var reason = meta.Error!.Split('\n').Single(l => l.StartsWith("lost: ", StringComparison.Ordinal))["lost: ".Length..];

        var grid = await shop.Site.RunAsync("render-gallery", $"{shop.BrokenTrophy}", "k2tb_failed=1");

        Assert.Equal(1, meta.Count("failed"));
        Assert.Contains($"<li class=\"k2tb-cell k2tb-failed\" data-key=\"lost\"><code>lost</code><span class=\"k2tb-reason\"><strong>Failed:</strong> {System.Net.WebUtility.HtmlEncode(reason).Replace("&#39;", "&#039;")}</span>", grid, StringComparison.Ordinal);
        output.WriteLine($"the daemon's reason: {reason}");
    }

    private static string Label(int slot, int[] current) =>
        Choices[slot][current[slot]] switch
        {
            "black-marble" => "Black marble",
            "none" => "None",
            var id => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(id),
        };

    private static async Task<JsonElement> ImageAsync(DevToolsPage page) =>
        await page.EvaluateAsync("(function (i) { return { src: i.currentSrc, width: i.naturalWidth }; })(document.querySelector('.k2tb-image'))");

    private static async Task<List<string>> EntriesAsync(DevToolsPage page, int from) =>
        (await page.EvaluateAsync($"performance.getEntriesByType('resource').slice({from}).filter(function (e) {{ return e.initiatorType === 'img' || /\\.(png|svg)$/.test(e.name); }}).map(function (e) {{ return e.name; }})"))
            .EnumerateArray().Select(e => e.GetString()!).ToList();

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
