using System.Net;
using System.Text.Json;
using K2Orleans.Cli.Tests.Support;

namespace K2Orleans.Cli.Tests;

/// <summary>
/// The image endpoint of a real k2orleans-silo over real HTTP (docs/images-endpoint.md): images served from the build's
/// folder, missing ones rendered on request exactly as the build writes them, and the editor's validate and preview.
/// </summary>
public sealed class ImageEndpointTests(ImageDaemon silo) : IClassFixture<ImageDaemon>
{
    private HttpClient Http => silo.Http;

    [Fact]
    public async Task ShouldAnswer404WithoutRenderingForAThousandNamesOutsideTheTrophy()
    {
        var before = await silo.OnRequestAsync(_ => true, "the silo's first figures");
        var filesBefore = Directory.GetFiles(silo.TrophyFolder).Length;
        string[] shapes =
        [
            "classic-cup/walnut_gold_nope{0}.png", "classic-cup/walnut_gold{0}.png", "classic-cup/walnut_gold_star-small{0}.png",
            "classic-cup/walnut_gold_star.jpg", "classic-cup/walnut_gold_star_{0}.png", "no-such-trophy/walnut_gold_star{0}.png",
            "classic-cup/walnut_{0}_star.png", "Bad_Slug/walnut_gold_star.png",
        ];
        var names = Enumerable.Range(0, 1000).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[i % shapes.Length], i)).ToArray();

        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in names.Chunk(16))
        {
            statuses.AddRange(await Task.WhenAll(chunk.Select(async name => (await Http.GetAsync($"/images/{name}")).StatusCode)));
        }

        var after = await silo.OnRequestAsync(f => Long(f, "not_found") >= Long(before, "not_found") + 1000, "the silo to count 1000 misses");
        Assert.Equal(1000, statuses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(Long(before, "not_found") + 1000, Long(after, "not_found"));
        Assert.Equal(Long(before, "rendered"), Long(after, "rendered"));
        Assert.Equal(filesBefore, Directory.GetFiles(silo.TrophyFolder).Length);
    }

    [Fact]
    public async Task ShouldRenderAMissingImageOnceForFiftyConcurrentRequests()
    {
        const string Key = "walnut_ruby_victory";
        File.Delete(Path.Combine(silo.TrophyFolder, Key + ".png"));
        File.Delete(Path.Combine(silo.TrophyFolder, Key + "-thumb.png"));
        var before = await silo.OnRequestAsync(_ => true, "the silo's figures");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await Http.GetAsync($"/images/classic-cup/{Key}.png");
            return (response.StatusCode, Bytes: await response.Content.ReadAsByteArrayAsync());
        }));

        var after = await silo.OnRequestAsync(f => Long(f, "served") >= Long(before, "served") + 50, "the silo to count 50 images served");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => Convert.ToHexString(a.Bytes)).Distinct());
        Assert.Equal(Long(before, "rendered") + 1, Long(after, "rendered"));
        Assert.Equal(answers[0].Bytes, await File.ReadAllBytesAsync(Path.Combine(silo.TrophyFolder, Key + ".png")));
        Assert.True(File.Exists(Path.Combine(silo.TrophyFolder, Key + "-thumb.png")), "the render wrote the main image but not its size");
    }

    [Fact]
    public async Task ShouldHaveTheBuildSkipAnImageRenderedOnRequest()
    {
        Directory.Delete(silo.TrophyFolder, recursive: true);

        using var thumb = await Http.GetAsync("/images/classic-cup/black-marble_sapphire_none-thumb.png");
        var job = await silo.BuildAsync();

        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/png", thumb.Content.Headers.ContentType?.MediaType);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal((silo.Total - 1, 1L, 0L), (job.GetProperty("done").GetInt64(), job.GetProperty("skipped").GetInt64(), job.GetProperty("failed").GetInt64()));
    }

    [Fact]
    public async Task ShouldServeBuiltFilesWithTheFingerprintAsETagAnd304HeadAndRanges()
    {
        const string Name = "/images/classic-cup/black-marble_gold_cup.png";
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(silo.TrophyFolder, "black-marble_gold_cup.png"));

        using var first = await Http.GetAsync(Name);
        var tag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, Name) { Headers = { IfNoneMatch = { tag } } };
        using var notModified = await Http.SendAsync(again);
        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Name));
        using var ranged = new HttpRequestMessage(HttpMethod.Get, Name) { Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(0, 7) } };
        using var part = await Http.SendAsync(ranged);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(onDisk, await first.Content.ReadAsByteArrayAsync());
        Assert.Matches("^\"[0-9a-f]{32}\"$", tag.Tag);
        Assert.Contains(tag.Tag.Trim('"'), System.Text.Encoding.ASCII.GetString(onDisk, 0, 100), StringComparison.Ordinal);
        Assert.Contains("max-age=", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(onDisk.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(onDisk[..8], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(silo.TrophyFolder, "black-marble_gold_cup.png"))).ToUnixTimeSeconds(),
            first.Content.Headers.LastModified?.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ShouldRefuseValidateAndPreviewWithoutTheToken()
    {
        var preview = Preview(silo.Spec().ToJsonString(), "walnut_gold_star");

        using var none = await Http.SendAsync(silo.Post("/preview", preview, token: null));
        using var wrong = await Http.SendAsync(silo.Post("/preview", preview, token: "not-the-token-0123456789"));
        using var validate = await Http.SendAsync(silo.Post("/validate", silo.Spec().ToJsonString(), token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, validate.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ShouldRefuseAPreviewWhoseLayersLieOutsideTheAllowedRoots()
    {
        var spec = silo.Spec();
        spec["assetRoot"] = "/etc";

        using var response = await Http.SendAsync(silo.Post("/preview", Preview(spec.ToJsonString(), "walnut_gold_star"), ImageDaemon.Token));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal("$.assetRoot", problem.GetProperty("path").GetString());
        Assert.Contains("Rendering:AssetRoots", problem.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldPreviewAnyCombinationOfASpecWritingNothing()
    {
        var spec = silo.Spec();
        spec["slug"] = "preview-only";
        var before = Directory.GetFiles(silo.Output, "*", SearchOption.AllDirectories).Length;

        using var response = await Http.SendAsync(silo.Post("/preview", Preview(spec.ToJsonString(), "walnut_silver_torch"), ImageDaemon.Token));
        var png = await response.Content.ReadAsByteArrayAsync();
        using var unknownKey = await Http.SendAsync(silo.Post("/preview", Preview(spec.ToJsonString(), "walnut_silver"), ImageDaemon.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((60, 96), PngSize(png));
        Assert.Equal(HttpStatusCode.BadRequest, unknownKey.StatusCode);
        Assert.Equal(before, Directory.GetFiles(silo.Output, "*", SearchOption.AllDirectories).Length);
        Assert.False(Directory.Exists(Path.Combine(silo.Output, "preview-only")));
    }

    [Fact]
    public async Task ShouldValidateWithTheRulesAndPathsOfK2Validate()
    {
        var spec = silo.Spec();
        spec["canvas"]!["width"] = 0;
        spec["slots"]![1]!["options"]![0]!["image"] = "column/missing.png";
        var good = silo.Spec();

        using var bad = await Http.SendAsync(silo.Post("/validate", spec.ToJsonString(), ImageDaemon.Token));
        using var fine = await Http.SendAsync(silo.Post("/validate", good.ToJsonString(), ImageDaemon.Token));
        using var missingLayer = await Http.SendAsync(silo.Post("/validate", Without(good, "column/missing.png"), ImageDaemon.Token));
        using var notJson = await Http.SendAsync(silo.Post("/validate", "{\"slug\": ", ImageDaemon.Token));

        var badBody = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        var fineBody = JsonDocument.Parse(await fine.Content.ReadAsStringAsync()).RootElement;
        var layerBody = JsonDocument.Parse(await missingLayer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.False(badBody.GetProperty("ok").GetBoolean());
        Assert.Contains(badBody.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "$.canvas.width");
        Assert.True(fineBody.GetProperty("ok").GetBoolean());
        Assert.Equal(silo.Total, fineBody.GetProperty("combinations").GetInt64());
        var layerProblem = Assert.Single(layerBody.GetProperty("problems").EnumerateArray());
        Assert.Equal("$.slots[1].options[0].image", layerProblem.GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not valid JSON", await notJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Without(System.Text.Json.Nodes.JsonObject spec, string image)
    {
        spec["slots"]![1]!["options"]![0]!["image"] = image;
        return spec.ToJsonString();
    }

    private static string Preview(string spec, string key) => $"{{\"spec\":{spec},\"key\":\"{key}\"}}";

    private static long Long(JsonElement figures, string name) => figures.GetProperty(name).GetInt64();

    private static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
