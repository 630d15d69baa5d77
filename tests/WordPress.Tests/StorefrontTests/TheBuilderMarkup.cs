using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.StorefrontTests;

/// <summary>
/// The builder as PHP prints it for a visitor ([k2_trophy_builder] and the k2/trophy-builder block): the image of the
/// chosen combination, one control per slot, the no-JS form and shared links, and the fallbacks for a missing file.
/// </summary>
public sealed class TheBuilderMarkup(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private const string Images = "http://k2.test/wp-content/uploads/k2-trophies";
    private const string Placeholder = "http://k2.test/wp-content/plugins/k2-trophy-builder/assets/preparing.svg";

    private WordPressSite Site => fixture.Site;

    [Fact]
    public async Task ShouldShowTheSpecsDefaultsWithSizesAltAndALabelledControlPerSlot()
    {
        var (post, slug) = await CreateAsync("markup-defaults");
        Built(slug, "walnut_gold_none");

        var html = await Site.RunAsync("render-builder", slug);

        var img = Image(html);
        Assert.Equal($"{Images}/{slug}/walnut_gold_none.png", Attribute(img, "src"));
        Assert.Equal($"{Images}/{slug}/walnut_gold_none-thumb.png 160w, {Images}/{slug}/walnut_gold_none.png 300w", Attribute(img, "srcset"));
        Assert.Equal("300", Attribute(img, "width"));
        Assert.Equal("480", Attribute(img, "height"));
        Assert.Equal("Classic Cup: Base: Walnut, Column: Gold, Topper figure: None", Attribute(img, "alt"));
        Assert.Equal(["Base", "Column", "Topper figure"], Regex.Matches(html, "<legend>([^<]*)</legend>").Select(m => m.Groups[1].Value));
        Assert.Equal(["base=walnut", "column=gold", "topper=none"], Checked(html));
        Assert.Matches("""value="none" checked='checked'>(<img [^>]*>)?<span>None</span>""", html);
        Assert.Contains("""<input type="hidden" name="trophy" value="markup-defaults">""", html, StringComparison.Ordinal);
        Assert.Contains("""<button type="submit">Show this combination</button>""", html, StringComparison.Ordinal);
        Assert.Equal($"{Images}/{slug}/walnut_gold_none.png", (await Site.RunJsonAsync("image-url", $"{post}")).GetProperty("url").GetString());
        Assert.Equal($"{Images}/{slug}/black-marble_gold_none-thumb.png", (await Site.RunJsonAsync("image-url", $"{post}", """{"base":"black-marble"}""", "-thumb")).GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("trophy={slug}&k2=black-marble_ruby_star")]
    [InlineData("trophy={slug}&k2[base]=black-marble&k2[column]=ruby&k2[topper]=star")]
    [InlineData("trophy={post}&k2[column]=ruby&k2[topper]=star&k2[base]=black-marble")]
    public async Task ShouldShowTheCombinationASharedLinkOrTheNoScriptFormAsksFor(string query)
    {
        var (post, slug) = await CreateAsync($"markup-asked-{query.Length}");
        Built(slug, "black-marble_ruby_star");

        var html = await Site.RunAsync("render-builder", slug, query.Replace("{slug}", slug).Replace("{post}", $"{post}"));

        Assert.Equal($"{Images}/{slug}/black-marble_ruby_star.png", Attribute(Image(html), "src"));
        Assert.Equal(["base=black-marble", "column=ruby", "topper=star"], Checked(html));
        Assert.Equal("Classic Cup: Base: Black marble, Column: Ruby, Topper figure: Star", Attribute(Image(html), "alt"));
    }

    [Theory]
    [InlineData("trophy={slug}&k2=black-marble_ruby")]
    [InlineData("trophy={slug}&k2=black-marble_ruby_<b>")]
    [InlineData("trophy=another-trophy&k2=black-marble_ruby_star")]
    [InlineData("trophy={slug}&k2[base]=gold")]
    public async Task ShouldShowTheDefaultsForAKeyThatIsNotThisTrophys(string query)
    {
        var (_, slug) = await CreateAsync($"markup-odd-{query.Length}");
        Built(slug, "walnut_gold_none");

        var html = await Site.RunAsync("render-builder", slug, query.Replace("{slug}", slug));

        Assert.Equal(["base=walnut", "column=gold", "topper=none"], Checked(html));
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldLinkTheRenderOnRequestEndpointOrThePlaceholderForAFileNotOnDisk()
    {
        var (_, slug) = await CreateAsync("markup-missing");

        var placeholder = Image(await Site.RunAsync("render-builder", slug));
        await Site.RunAsync("set-images", "", "/k2-images/");
        var endpoint = Image(await Site.RunAsync("render-builder", slug));
        await Site.RunAsync("set-images", "", "");

        Assert.Equal(Placeholder, Attribute(placeholder, "src"));
        Assert.DoesNotContain("srcset", placeholder, StringComparison.Ordinal);
        Assert.Equal($"/k2-images/{slug}/walnut_gold_none.png", Attribute(endpoint, "src"));
        Assert.Equal("Classic Cup: Base: Walnut, Column: Gold, Topper figure: None", Attribute(endpoint, "alt"));
    }

    [Fact]
    public async Task ShouldGiveTheBuiltFilesAFallbackForWhenTheyGoMissingAfterThePageIsSent()
    {
        var (_, slug) = await CreateAsync("markup-fallback");
        Built(slug, "walnut_gold_none");
        await Site.RunAsync("set-images", "", "http://shop.example/k2-images/");

        var img = Image(await Site.RunAsync("render-builder", slug));
        await Site.RunAsync("set-images", "", "");

        Assert.Equal($"{Images}/{slug}/walnut_gold_none.png", Attribute(img, "src"));
        Assert.Equal($"http://shop.example/k2-images/{slug}/walnut_gold_none.png", Attribute(img, "data-fb"));
    }

    [Fact]
    public async Task ShouldOfferASelectForALongListAndPrintTheSameBuilderAsABlock()
    {
        var spec = Spec("markup-long");
        var column = spec["slots"]![1]!["options"]!.AsArray();
        foreach (var i in Enumerable.Range(0, 5))
        {
            column.Add(new JsonObject { ["id"] = $"extra-{i}", ["label"] = $"Extra <{i}>", ["image"] = "column/plain.png" });
        }

        var post = await Site.CreateTrophyAsync("Long", spec.ToJsonString());

        var shortcode = await Site.RunAsync("render-builder", "markup-long");
        var block = await Site.RunAsync("render-builder", $"{post}", "", "block");

        Assert.Contains("""<label class="screen-reader-text" for="k2tb-markup-long-column">Column</label><select id="k2tb-markup-long-column" name="k2[column]">""", shortcode, StringComparison.Ordinal);
        Assert.Contains("""<option value="extra-4">Extra &lt;4&gt;</option>""", shortcode, StringComparison.Ordinal);
        Assert.Contains("""<option value="gold" selected='selected'>Gold</option>""", shortcode, StringComparison.Ordinal);
        Assert.Equal(shortcode.Trim(), block.Trim());
    }

    [Fact]
    public async Task ShouldPrintNothingForVisitorsWhenTheTrophyIsNotPublished()
    {
        await Site.CreateTrophyAsync("Draft", Spec("markup-draft").ToJsonString(), status: "draft");

        Assert.Equal("", (await Site.RunAsync("render-builder", "markup-draft")).Trim());
        Assert.Equal("", (await Site.RunAsync("render-builder", "no-such-trophy")).Trim());
    }

    /// <summary>The classic cup with defaults that are not the first options: walnut base, no topper.</summary>
    private static JsonObject Spec(string slug)
    {
        var spec = TrophySpecs.Sample("classic-cup", slug);
        spec["slots"]![0]!["default"] = "walnut";
        spec["slots"]![2]!["default"] = "none";
        return spec;
    }

    private async Task<(long Post, string Slug)> CreateAsync(string slug) =>
        (await Site.CreateTrophyAsync(slug, Spec(slug).ToJsonString()), slug);

    /// <summary>Stands in for the build's output: the page only asks whether the file is there.</summary>
    private void Built(string slug, string key)
    {
        Directory.CreateDirectory(Path.Combine(Site.OutputRoot, slug));
        File.WriteAllText(Path.Combine(Site.OutputRoot, slug, $"{key}.png"), key);
        File.WriteAllText(Path.Combine(Site.OutputRoot, slug, $"{key}-thumb.png"), key);
    }

    private static string Image(string html) =>
        Regex.Match(html, "<img class=\"k2tb-image\"[^>]*>") is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException($"no builder image in:\n{html}");

    private static string Attribute(string tag, string name) =>
        System.Net.WebUtility.HtmlDecode(Regex.Match(tag, $" {name}=\"([^\"]*)\"").Groups[1].Value);

    private static IEnumerable<string> Checked(string html) =>
        Regex.Matches(html, """name="k2\[([a-z0-9-]+)\]" value="([a-z0-9-]+)" checked='checked'""").Select(m => $"{m.Groups[1].Value}={m.Groups[2].Value}");
}
