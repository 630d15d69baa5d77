using System.Text.Json.Nodes;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Tests.Rendering.Strips;

/// <summary>
/// The on-request renderer against the batch renderer: every combination, asked for in a shuffled order, decodes
/// (with ImageMagick, an independent decoder) to exactly the batch file's pixels and carries its stamp, whatever the
/// strip cache held, including when a tiny budget keeps evicting.
/// </summary>
public sealed class StripRendererTests : AssetFolderTests
{
    [Theory]
    [InlineData("transparent", false)]
    [InlineData("transparent", true)]
    [InlineData("#33669980", false)]
    public void ShouldWriteTheBatchRenderersPixelsAndStampForEveryCombinationInAnyOrder(string background, bool withSizes)
    {
        var spec = Spec(background, withSizes);
        var batch = RenderBatch(spec, "batch");
        var strips = new StripRenderer(Some.Layers(), batch.Renderer, new RenderingOptions());

        var results = Shuffled(spec).Select(index => strips.Render(Target(spec, "strips"), index)).ToList();

        Assert.All(results, r => Assert.Equal((1, 0), (r.Rendered, r.Failed)));
        AssertSameImages(spec, "batch", "strips");
        var again = batch.Renderer.Render(Target(spec, "strips"), new IndexRange(0, Total(spec)), CancellationToken.None);
        Assert.Equal((0, Total(spec)), (again.Rendered, again.Skipped));
        Assert.True(strips.CachedStrips > 0, "nothing was kept for the next request");
    }

    [Fact]
    public void ShouldKeepNoMoreThanATinyBudgetAndStillWriteTheSameFiles()
    {
        const long Budget = 2_000;
        var spec = Spec("transparent", withSizes: false);
        RenderBatch(spec, "batch");
        var layers = Some.Layers();
        var roomy = new StripRenderer(layers, new CombinationRenderer(layers), 1L << 30, 100_000);
        var tiny = new StripRenderer(layers, new CombinationRenderer(layers), Budget, 100_000);
        var few = new StripRenderer(layers, new CombinationRenderer(layers), 1L << 30, 3);

        foreach (var index in Shuffled(spec).Concat(Shuffled(spec)))
        {
            Assert.Equal(1, roomy.Render(Target(spec, "roomy", force: true), index).Rendered);
            Assert.Equal(1, tiny.Render(Target(spec, "tiny", force: true), index).Rendered);
            Assert.Equal(1, few.Render(Target(spec, "few", force: true), index).Rendered);
            Assert.InRange(tiny.CachedBytes, 1, Budget);
            Assert.InRange(few.CachedStrips, 1, 3);
        }

        Assert.True(tiny.CachedStrips < roomy.CachedStrips, $"tiny kept {tiny.CachedStrips} strips, roomy {roomy.CachedStrips}: nothing was evicted");
        AssertSameImages(spec, "batch", "tiny");
        AssertSameImages(spec, "batch", "few");
        foreach (var file in Directory.GetFiles(Temp.Combine("roomy", "classic-cup")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Temp.Combine("tiny", "classic-cup", Path.GetFileName(file))));
        }
    }

    [Fact]
    public async Task ShouldWriteTheSameFilesWhenManyRequestsDrawTheirStripsAtOnce()
    {
        const int Workers = 8;
        var spec = Spec("transparent", withSizes: false);
        var layers = Some.Layers();
        var alone = new StripRenderer(layers, new CombinationRenderer(layers), new RenderingOptions());
        foreach (var index in Shuffled(spec))
        {
            Assert.Equal(1, alone.Render(Target(spec, "alone"), index).Rendered);
        }

        // A cold cache and every worker starting at once: they meet on the strips all combinations share.
        var shared = new StripRenderer(layers, new CombinationRenderer(layers), new RenderingOptions());
        using var start = new Barrier(Workers);
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Factory.StartNew(
            () =>
            {
                Assert.True(start.SignalAndWait(TimeSpan.FromSeconds(30)), "the workers never all started");
                return Shuffled(spec).Where((_, i) => i % Workers == worker).Select(index => shared.Render(Target(spec, "together"), index)).ToList();
            },
            TaskCreationOptions.LongRunning));
        var results = (await Task.WhenAll(workers)).SelectMany(r => r).ToList();

        Assert.Equal(Total(spec), results.Count);
        Assert.All(results, r => Assert.Equal((1, 0), (r.Rendered, r.Failed)));
        foreach (var file in Directory.GetFiles(Temp.Combine("alone", "classic-cup")))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Temp.Combine("together", "classic-cup", Path.GetFileName(file))));
        }
    }

    [Fact]
    public void ShouldNotReuseStripsOfALayerThatChangedOnDisk()
    {
        var spec = Spec("transparent", withSizes: false);
        var layers = Some.Layers();
        var strips = new StripRenderer(layers, new CombinationRenderer(layers), new RenderingOptions());
        foreach (var index in Shuffled(spec))
        {
            strips.Render(Target(spec, "strips"), index);
        }

        TestImages.WritePng(Temp.Combine("assets", "base", "walnut.png"), 40, 20, TestImages.Pattern(40, 20, 9));
        File.SetLastWriteTimeUtc(Temp.Combine("assets", "base", "walnut.png"), DateTime.UtcNow.AddMinutes(5));
        var rendered = Shuffled(spec).Sum(index => strips.Render(Target(spec, "strips"), index).Rendered);

        Assert.Equal(Total(spec) * 2 / 3, rendered);   // two of the three bases are walnut.png
        RenderBatch(spec, "batch");
        AssertSameImages(spec, "batch", "strips");
    }

    [Fact]
    public void ShouldReportAMissingLayerAsTheCombinationsFailure()
    {
        var spec = Spec("transparent", withSizes: false);
        File.Delete(Temp.Combine("assets", "column", "plain.png"));
        var layers = Some.Layers();
        var strips = new StripRenderer(layers, new CombinationRenderer(layers), new RenderingOptions());
        var space = new CombinationSpace(spec);

        var result = strips.Render(Target(spec, "strips"), 0);

        Assert.Equal((0, 1), (result.Rendered, result.Failed));
        Assert.Equal(space.KeyOf(0), result.Errors.Single().Key);
        Assert.Contains("column/plain.png", result.Errors.Single().Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Temp.Combine("strips", "classic-cup")) && Directory.EnumerateFiles(Temp.Combine("strips", "classic-cup")).Any());
    }

    [Fact]
    public void ShouldRenderOtherFormatsThroughTheBatchRendererWithTheSameStamp()
    {
        var json = Some.SpecJson();
        json["output"]!["format"] = "jpg";
        var spec = Parse(json);
        RenderBatch(spec, "batch");
        var layers = Some.Layers();
        var strips = new StripRenderer(layers, new CombinationRenderer(layers), new RenderingOptions());

        Assert.Equal(1, strips.Render(Target(spec, "strips"), 1).Rendered);
        var name = new CombinationSpace(spec).KeyOf(1) + ".jpg";
        Assert.Equal(
            FingerprintStamp.Read(Temp.Combine("batch", "classic-cup", name), OutputFormat.Jpg),
            FingerprintStamp.Read(Temp.Combine("strips", "classic-cup", name), OutputFormat.Jpg));
        Assert.Equal(0, strips.CachedStrips);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65_537)]
    public void ShouldRefuseACacheBudgetOutsideItsRangeNamingTheKey(int megabytes)
    {
        var problems = new RenderingOptionsValidator().Validate(null, new RenderingOptions { OnRequestCacheMegabytes = megabytes }).Failures ?? [];

        Assert.Contains($"Rendering:OnRequestCacheMegabytes must be 1..65536, is {megabytes}", problems);
        Assert.True(new RenderingOptionsValidator().Validate(null, new RenderingOptions()).Succeeded);
    }

    /// <summary>
    /// Layers whose edges cut the image into many strips: tops above and bottoms below the canvas, a layer clipped left
    /// and one right, one wholly below the canvas, overlaps in every order, a tint, an optional slot.
    /// </summary>
    private TrophySpec Spec(string background, bool withSizes)
    {
        var json = Some.SpecJson();
        json["canvas"]!["background"] = background;
        json["slots"]![0]!["options"]!.AsArray().Add(new JsonObject { ["id"] = "shifted", ["image"] = "base/walnut.png", ["x"] = -7, ["y"] = 44 });
        json["slots"]![1]!["options"]!.AsArray().Add(new JsonObject { ["id"] = "silver", ["image"] = "column/plain.png", ["x"] = 12, ["y"] = 13 });
        var toppers = json["slots"]![2]!["options"]!.AsArray();
        toppers.Add(new JsonObject { ["id"] = "low", ["image"] = "topper/star.png", ["x"] = 5, ["y"] = 30 });
        toppers.Add(new JsonObject { ["id"] = "corner", ["image"] = "topper/star.png", ["x"] = 28, ["y"] = -5, ["tint"] = "#80c0ff" });
        toppers.Add(new JsonObject { ["id"] = "outside", ["image"] = "topper/star.png", ["x"] = 10, ["y"] = 70 });
        if (!withSizes)
        {
            json["output"]!["sizes"] = new JsonArray();
        }

        return Parse(json);
    }

    private TrophySpec Parse(JsonObject json)
    {
        var parsed = new SpecParser().Parse(json.ToJsonString(), Temp.Path);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
        return parsed.Spec!;
    }

    private (CombinationRenderer Renderer, RangeResult Result) RenderBatch(TrophySpec spec, string folder)
    {
        var renderer = Some.Renderer();
        var result = renderer.Render(Target(spec, folder), new IndexRange(0, Total(spec)), CancellationToken.None);
        Assert.Equal(0, result.Failed);
        return (renderer, result);
    }

    private RenderTarget Target(TrophySpec spec, string folder, bool force = false) => new(spec, Temp.Combine(folder), force);

    private static int Total(TrophySpec spec) => (int)new CombinationSpace(spec).Total;

    private static long[] Shuffled(TrophySpec spec)
    {
        var indexes = Enumerable.Range(0, Total(spec)).Select(i => (long)i).ToArray();
        new Random(7).Shuffle(indexes);
        return indexes;
    }

    private void AssertSameImages(TrophySpec spec, string expectedFolder, string actualFolder)
    {
        var expected = Directory.GetFiles(Temp.Combine(expectedFolder, "classic-cup")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Total(spec) * (1 + spec.Output.Sizes.Length), expected.Count);
        Assert.Equal(expected, Directory.GetFiles(Temp.Combine(actualFolder, "classic-cup")).Select(Path.GetFileName).Order().ToList());
        foreach (var name in expected)
        {
            var (want, wantWidth, wantHeight) = TestImages.Read(Temp.Combine(expectedFolder, "classic-cup", name!));
            var (got, gotWidth, gotHeight) = TestImages.Read(Temp.Combine(actualFolder, "classic-cup", name!));
            Assert.Equal((wantWidth, wantHeight), (gotWidth, gotHeight));
            Assert.True(want.AsSpan().SequenceEqual(got), $"{name}: the pixels differ from the batch renderer's");
            Assert.Equal(
                FingerprintStamp.Read(Temp.Combine(expectedFolder, "classic-cup", name!), spec.Output.Format),
                FingerprintStamp.Read(Temp.Combine(actualFolder, "classic-cup", name!), spec.Output.Format));
        }
    }
}
