using System.Text.RegularExpressions;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.StorefrontTests;

/// <summary>The trophy edit screen's Images box: the combinations paged and filtered, failed ones with their reason.</summary>
public sealed class TheImagesGrid(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldListAFailedCombinationWithTheReasonTheBuildRecorded()
    {
        var post = await Site.CreateTrophyAsync("Grid failures", TrophySpecs.Sample("classic-cup", "grid-failures").ToJsonString());
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_status", "completed");
        await Site.RunAsync("set-meta", $"{post}", "_k2_build_error",
            "Job grid-failures-20261203T100000Z finished, but 2 images could not be rendered.\nwalnut_ruby_star: layer topper/star.png is not a PNG <file>\nblack-marble_gold_none: layer base/black-marble.png is missing");

        var failed = await Site.RunAsync("render-gallery", $"{post}", "k2tb_failed=1");
        var all = await Site.RunAsync("render-gallery", $"{post}");

        Assert.Equal(["walnut_ruby_star", "black-marble_gold_none"], Keys(failed));
        Assert.Contains("""<li class="k2tb-cell k2tb-failed" data-key="walnut_ruby_star"><code>walnut_ruby_star</code><span class="k2tb-reason"><strong>Failed:</strong> layer topper/star.png is not a PNG &lt;file&gt;</span>""", failed, StringComparison.Ordinal);
        Assert.Contains("<strong aria-current=\"true\">Failed only (2)</strong>", failed, StringComparison.Ordinal);
        // Not built yet: the first page of all 50 (2 × 5 × 5), the failed one on it marked too.
        Assert.Contains("50 combinations, page 1 of 3", all, StringComparison.Ordinal);
        Assert.Equal(24, Keys(all).Count);
        Assert.Contains("""data-key="black-marble_gold_none"><code>black-marble_gold_none</code><span class="k2tb-reason"><strong>Failed:</strong> layer base/black-marble.png is missing""", all, StringComparison.Ordinal);
        Assert.Contains("""data-key="black-marble_gold_cup"><code>black-marble_gold_cup</code><span class="k2tb-reason">Not built</span>""", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFilterByOptionAndPageInTheDaemonsOrder()
    {
        var post = await Site.CreateTrophyAsync("Grid filter", TrophySpecs.Sample("classic-cup", "grid-filter").ToJsonString());
        Directory.CreateDirectory(Path.Combine(Site.OutputRoot, "grid-filter"));
        File.WriteAllText(Path.Combine(Site.OutputRoot, "grid-filter", "walnut_sapphire_torch.png"), "built");
        File.WriteAllText(Path.Combine(Site.OutputRoot, "grid-filter", "walnut_sapphire_torch-thumb.png"), "built");

        var walnut = await Site.RunAsync("render-gallery", $"{post}", "k2tb_filter[base]=walnut&k2tb_paged=2");
        var sapphire = await Site.RunAsync("render-gallery", $"{post}", "k2tb_filter[base]=walnut&k2tb_filter[column]=sapphire");
        var odd = await Site.RunAsync("render-gallery", $"{post}", "k2tb_filter[base]=gold&k2tb_paged=99");

        Assert.Contains("25 combinations, page 2 of 2", walnut, StringComparison.Ordinal);
        Assert.Equal(["walnut_sapphire_none"], Keys(walnut));
        Assert.Equal(["walnut_sapphire_cup", "walnut_sapphire_star", "walnut_sapphire_victory", "walnut_sapphire_torch", "walnut_sapphire_none"], Keys(sapphire));
        Assert.Matches("""data-key="walnut_sapphire_torch"><img src="http://k2.test/wp-content/uploads/k2-trophies/grid-filter/walnut_sapphire_torch-thumb.png" alt="Classic Cup: Base: Walnut, Column: Sapphire, Topper figure: Torch" """, sapphire);
        Assert.Contains("<strong aria-current=\"true\">Sapphire</strong>", sapphire, StringComparison.Ordinal);
        Assert.Contains("50 combinations, page 3 of 3", odd, StringComparison.Ordinal);
        Assert.Contains($"href=\"http://k2.test/?k2_trophy=grid-filter&#038;trophy=grid-filter&#038;k2=walnut_sapphire_torch\">In the builder</a>", sapphire, StringComparison.Ordinal);
        Assert.Contains("class=\"k2tb-preview\" href=\"http://k2.test/?k2_trophy=grid-filter\">Preview the builder</a>", sapphire, StringComparison.Ordinal);
    }

    private static List<string> Keys(string html) =>
        Regex.Matches(html, "data-key=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
}
