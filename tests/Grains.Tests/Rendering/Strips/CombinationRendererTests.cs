using System.Text.Json.Nodes;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Tests.Rendering.Strips;

public sealed class CombinationRendererTests : AssetFolderTests
{
    [Theory]
    [InlineData("black-marble_gold_star")]
    [InlineData("walnut_gold_none")]
    public void ShouldMatchIndependentOverCompositeWithOffsetsClippingTintAndOptionalSlots(string key)
    {
        var json = Some.SpecJson();
        json["slots"]![0]!["options"]![1]!["x"] = -7;     // clipped on the left
        json["slots"]![2]!["options"]![0]!["x"] = 28;     // clipped on the right
        json["slots"]![2]!["options"]![0]!["y"] = -5;     // clipped at the top
        var (spec, _) = RenderAll(json);

        var expected = Reference(spec, key);
        var (actual, width, height) = TestImages.Read(Temp.Combine("out", "classic-cup", key + ".png"));

        Assert.Equal((40, 60), (width, height));
        AssertPixelsMatch(expected, actual);
    }

    [Fact]
    public void ShouldMatchReferenceForEveryTopLayerPlacementWhileReusingTheLowerSlots()
    {
        // One prefix, top layers above, inside, across the bottom of, beside and outside the canvas, in a row:
        // each image reuses the lower slots' pixels and compressed rows, and must carry nothing of the one before.
        var json = Some.SpecJson();
        var toppers = json["slots"]![2]!["options"]!.AsArray();
        toppers.Clear();
        foreach (var (id, x, y) in new[] { ("above", 10, -5), ("middle", 12, 20), ("low", 8, 50), ("outside", 10, 70), ("left", -15, 30), ("again", 12, 21) })
        {
            toppers.Add(new JsonObject { ["id"] = id, ["image"] = "topper/star.png", ["x"] = x, ["y"] = y });
        }

        var (spec, result) = RenderAll(json);

        var space = new CombinationSpace(spec);
        Assert.Equal((space.Total, 0), (result.Rendered, result.Failed));
        for (long index = 0; index < space.Total; index++)
        {
            var key = space.KeyOf(index);
            AssertPixelsMatch(Reference(spec, key), TestImages.Read(Temp.Combine("out", "classic-cup", key + ".png")).Rgba);
        }
    }

    [Fact]
    public void ShouldMatchReferenceWhenRangesOfOneShareCompressedRowsAndALayerChangesBetweenRuns()
    {
        // Every image its own range, as small batches are: rows compressed for one range serve the next. Then a lower
        // layer changes on disk and the same renderer runs again: nothing compressed from the old pixels may be reused.
        var json = Some.SpecJson();
        json["slots"]![2]!["options"]!.AsArray().Add(new JsonObject { ["id"] = "low", ["image"] = "topper/star.png", ["x"] = 5, ["y"] = 30 });
        var spec = new SpecParser().Parse(json.ToJsonString(), Temp.Path).Spec!;
        var renderer = Some.Renderer();
        var space = new CombinationSpace(spec);
        foreach (var pattern in new[] { 2, 7 })
        {
            TestImages.WritePng(Temp.Combine("assets", "base", "walnut.png"), 40, 20, TestImages.Pattern(40, 20, pattern));
            File.SetLastWriteTimeUtc(Temp.Combine("assets", "base", "walnut.png"), DateTime.UtcNow.AddMinutes(pattern));
            for (long index = 0; index < space.Total; index++)
            {
                var result = renderer.Render(new RenderTarget(spec, Temp.Combine("out"), Force: true), new IndexRange(index, 1), CancellationToken.None);
                Assert.Equal(1, result.Rendered);
            }

            for (long index = 0; index < space.Total; index++)
            {
                var key = space.KeyOf(index);
                AssertPixelsMatch(Reference(spec, key), TestImages.Read(Temp.Combine("out", "classic-cup", key + ".png")).Rgba);
            }
        }
    }

    [Fact]
    public void ShouldDrawOverOpaqueAndTranslucentBackgrounds()
    {
        foreach (var background in new[] { "#336699", "#33669980" })
        {
            var json = Some.SpecJson();
            json["canvas"]!["background"] = background;
            var (spec, _) = RenderAll(json, force: true);

            var (actual, _, _) = TestImages.Read(Temp.Combine("out", "classic-cup", "walnut_gold_star.png"));
            AssertPixelsMatch(Reference(spec, "walnut_gold_star"), actual);
            Assert.Equal(new byte[] { 0x33, 0x66, 0x99, background.Length == 7 ? (byte)255 : (byte)0x80 }, actual[..4]);
        }
    }

    [Fact]
    public void ShouldWriteExtraSizesWithAspectRatioKept()
    {
        RenderAll(Some.SpecJson());

        var (_, width, height) = TestImages.Read(Temp.Combine("out", "classic-cup", "walnut_gold_star-thumb.png"));

        Assert.Equal((20, 30), (width, height));
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("webp")]
    public void ShouldWriteDecodableLossyFormatsAndSkipThemWhenUpToDate(string format)
    {
        var json = Some.SpecJson();
        json["output"]!["format"] = format;
        json["output"]!["quality"] = 90;
        var (_, first) = RenderAll(json);
        var (_, second) = RenderAll(json);

        var (_, width, height) = TestImages.Read(Temp.Combine("out", "classic-cup", $"walnut_gold_star.{format}"));
        var (_, thumbWidth, _) = TestImages.Read(Temp.Combine("out", "classic-cup", $"walnut_gold_star-thumb.{format}"));
        Assert.Equal((40, 60, 20), (width, height, thumbWidth));
        Assert.Equal((4, 0), (first.Rendered, first.Skipped));
        Assert.Equal((0, 4), (second.Rendered, second.Skipped));
    }

    [Fact]
    public void ShouldSkipUpToDateAndRedoOnlyCombinationsWhoseLayerChanged()
    {
        var json = Some.SpecJson();
        var (_, first) = RenderAll(json);
        var (_, second) = RenderAll(json);
        var walnut = Temp.Combine("assets", "base", "walnut.png");
        TestImages.WritePng(walnut, 40, 20, TestImages.Pattern(40, 20, 9));
        var before = Modified("walnut");
        var (_, third) = RenderAll(json);

        Assert.Equal((4, 0, 0), (first.Rendered, first.Skipped, first.Failed));
        Assert.Equal((0, 4, 0), (second.Rendered, second.Skipped, second.Failed));
        Assert.Equal((2, 2, 0), (third.Rendered, third.Skipped, third.Failed));
        Assert.All(Modified("walnut"), pair => Assert.True(pair.Value > before[pair.Key]));
    }

    [Fact]
    public void ShouldSkipWhenLayerIsRewrittenWithSameContent()
    {
        var json = Some.SpecJson();
        RenderAll(json);
        var walnut = Temp.Combine("assets", "base", "walnut.png");
        File.WriteAllBytes(walnut, File.ReadAllBytes(walnut));
        File.SetLastWriteTimeUtc(walnut, DateTime.UtcNow.AddMinutes(1));

        var (_, again) = RenderAll(json);

        Assert.Equal((0, 4), (again.Rendered, again.Skipped));
    }

    [Theory]
    [InlineData("quality", 60)]
    [InlineData("tint", "#ff0000")]
    [InlineData("y", 41)]
    public void ShouldRedoWhenRenderInputsChange(string what, object value)
    {
        var json = Some.SpecJson();
        RenderAll(json);
        switch (what)
        {
            case "quality":
                json["output"]!["quality"] = (int)value;
                break;
            case "tint":
                json["slots"]![1]!["options"]![0]!["tint"] = (string)value;
                break;
            default:
                json["slots"]![0]!["options"]![0]!["y"] = (int)value;
                break;
        }

        var (_, again) = RenderAll(json);

        Assert.Equal(what == "y" ? (2, 2) : (4, 0), (again.Rendered, again.Skipped));
    }

    [Fact]
    public void ShouldRenderEverythingWhenForced()
    {
        var json = Some.SpecJson();
        RenderAll(json);

        var (_, forced) = RenderAll(json, force: true);

        Assert.Equal((4, 0), (forced.Rendered, forced.Skipped));
    }

    [Fact]
    public void ShouldFailOnlyCombinationsUsingCorruptOrMissingLayer()
    {
        File.WriteAllText(Temp.Combine("assets", "topper", "star.png"), "not a png");
        var json = Some.SpecJson();
        json["slots"]![0]!["options"]![1]!["image"] = "base/gone.png";

        var (_, result) = RenderAll(json);

        Assert.Equal((1, 3), (result.Rendered, result.Failed));
        Assert.True(File.Exists(Temp.Combine("out", "classic-cup", "black-marble_gold_none.png")));
        Assert.Contains(result.Errors, e => e.Key == "black-marble_gold_star" && e.Message.Contains("'topper/star.png' cannot be decoded", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Key == "walnut_gold_star" && e.Count == 2 && e.Message.Contains("'base/gone.png' does not exist", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Temp.Combine("out"), "*" + AtomicFileWriter.TempMarker, SearchOption.AllDirectories));
    }

    [Fact]
    public void ShouldGroupTheFailuresOfAMissingLayerIntoOneEntryCountingEveryCombinationItFails()
    {
        var json = Some.SpecJson();
        var toppers = json["slots"]![2]!["options"]!.AsArray();
        toppers.Clear();
        for (var i = 0; i < 25; i++)
        {
            toppers.Add(new JsonObject { ["id"] = $"crown-{i}", ["image"] = "topper/crown.png", ["x"] = 0, ["y"] = 0 });
        }

        var (_, result) = RenderAll(json);

        Assert.Equal((2, 50), (result.Rendered, result.Failed));   // every topper but none, on both bases
        var error = Assert.Single(result.Errors);
        Assert.Equal(("black-marble_gold_crown-0", "layer 'topper/crown.png' does not exist", 50), (error.Key, error.Message, error.Count));
    }

    [Fact]
    public void ShouldLeaveNoTempFileWhenWriteFails()
    {
        var json = Some.SpecJson();
        Directory.CreateDirectory(Temp.Combine("out", "classic-cup", "walnut_gold_none.png"));   // a folder where the image should go

        var (_, result) = RenderAll(json);

        Assert.Equal(3, result.Rendered);
        Assert.Contains(result.Errors, e => e.Key == "walnut_gold_none");
        Assert.Empty(Directory.EnumerateFiles(Temp.Combine("out"), "*" + AtomicFileWriter.TempMarker, SearchOption.AllDirectories));
    }

    private static void AssertPixelsMatch(byte[] expected, byte[] actual)
    {
        // The renderer keeps floats, the reference doubles: the rounding of a value within 1e-6 of .5 may differ by one level.
        Assert.Equal(expected.Length, actual.Length);
        var off = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var diff = Math.Abs(expected[i] - actual[i]);
            Assert.True(diff <= 1, $"byte {i} (pixel {i / 4}, channel {i % 4}): expected {expected[i]}, got {actual[i]}");
            off += diff;
        }

        Assert.True(off <= expected.Length / 1000, $"{off} channel values differ by one level");
    }

    private byte[] Reference(TrophySpec spec, string key)
    {
        var space = new CombinationSpace(spec);
        Span<int> choices = stackalloc int[space.SlotCount];
        space.Decode(space.IndexOfKey(key)!.Value, choices);
        var reference = new ReferenceComposite(spec.Canvas.Width, spec.Canvas.Height, spec.Canvas.Background);
        for (var s = 0; s < choices.Length; s++)
        {
            if (space.OptionOf(s, choices[s]) is { } option)
            {
                var (rgba, width, height) = TestImages.Read(Path.Combine(spec.AssetRoot, option.Image));
                reference.Over(rgba, width, height, option.X, option.Y, option.Tint);
            }
        }

        return reference.ToRgba();
    }

    private Dictionary<string, DateTime> Modified(string baseId) =>
        Directory.EnumerateFiles(Temp.Combine("out", "classic-cup"), baseId + "_*")
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

    private (TrophySpec Spec, RangeResult Result) RenderAll(JsonObject json, bool force = false)
    {
        var result = new SpecParser().Parse(json.ToJsonString(), Temp.Path);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var spec = result.Spec!;
        var renderer = Some.Renderer();
        var total = (int)new CombinationSpace(spec).Total;
        return (spec, renderer.Render(new RenderTarget(spec, Temp.Combine("out"), force), new IndexRange(0, total), CancellationToken.None));
    }
}
