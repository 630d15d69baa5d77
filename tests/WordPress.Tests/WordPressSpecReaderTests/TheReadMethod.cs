using System.Text.Json.Nodes;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Specs;
using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.WordPressSpecReaderTests;

public sealed class TheReadMethod : IDisposable
{
    private readonly string assetRoot = Directory.CreateTempSubdirectory("k2-assets-").FullName;
    private readonly string outside = Directory.CreateTempSubdirectory("k2-outside-").FullName;

    public TheReadMethod()
    {
        var sample = Path.Combine(assetRoot, "classic-cup", "assets", "base");
        Directory.CreateDirectory(sample);
        foreach (var file in Directory.GetFiles(Repository.Path("samples", "classic-cup", "assets", "base")))
        {
            File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
        }
    }

    private WordPressSpecReader Reader(long maxCombinations = 200_000, long renderingMaxCombinations = 1_000_000, long maxPixels = 4096 * 4096) =>
        new(assetRoot,
            WordPressBuildRules.From(new WordPressOptions { MaxCombinations = maxCombinations, MaxPixelsPerImage = maxPixels }, new RenderingOptions { MaxCombinations = renderingMaxCombinations }),
            new LayerStore(new RenderingOptions()));

    [Fact]
    public void ShouldResolveAssetRootUnderTheConfiguredOne()
    {
        var result = Reader().Read(TrophySpecs.Tiny("reader").ToJsonString());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(Path.Combine(assetRoot, "classic-cup", "assets"), result.Spec!.AssetRoot);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n")]
    public void ShouldRefuseAPostWithoutSpec(string? json) =>
        Assert.Equal("$: the post has no spec (_k2_trophy_spec is missing or empty)", Assert.Single(Reader().Read(json).Problems).ToString());

    [Fact]
    public void ShouldRefuseAnAbsoluteAssetRoot()
    {
        var spec = TrophySpecs.Tiny("reader");
        spec["assetRoot"] = outside;

        Assert.Equal("$.assetRoot: must be relative to the configured asset root", Assert.Single(Reader().Read(spec.ToJsonString()).Problems).ToString());
    }

    [Fact]
    public void ShouldRefuseAnImageLinkedFromOutsideTheAssetRoot()
    {
        File.WriteAllText(Path.Combine(outside, "secret.png"), "not for you");
        File.CreateSymbolicLink(Path.Combine(assetRoot, "classic-cup", "assets", "base", "linked.png"), Path.Combine(outside, "secret.png"));
        var spec = TrophySpecs.Tiny("reader");
        spec["slots"]![0]!["options"]![1]!["image"] = "base/linked.png";

        var problem = Assert.Single(Reader().Read(spec.ToJsonString()).Problems);

        Assert.Equal("$.slots[0].options[1].image", problem.Path);
        Assert.Contains(PathSafety.LeavesRootReason, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldLetAMissingImageFailOnlyItsCombinations()
    {
        var spec = TrophySpecs.Tiny("reader");
        spec["slots"]![0]!["options"]![1]!["image"] = "base/missing.png";

        Assert.True(Reader().Read(spec.ToJsonString()).IsValid);
    }

    [Theory]
    [InlineData(1, 1_000_000, "$.slots: 2 combinations, over the ceiling of 1 (WordPress:MaxCombinations)")]
    [InlineData(200_000, 1, "$.slots: 2 combinations, over the ceiling of 1 (Rendering:MaxCombinations)")]
    public void ShouldNameTheLowerCombinationCeilingAndItsKey(long wordPress, long rendering, string expected) =>
        Assert.Equal(expected, Assert.Single(Reader(wordPress, rendering).Read(TrophySpecs.Tiny("reader").ToJsonString()).Problems).ToString());

    [Fact]
    public void ShouldNameThePixelCeilingAndItsKey()
    {
        var spec = TrophySpecs.Tiny("reader");
        spec["canvas"] = new JsonObject { ["width"] = 8192, ["height"] = 8192 };

        Assert.Equal(
            "$.canvas: 8192 × 8192 is 67,108,864 pixels per image, over the ceiling of 16,777,216 (WordPress:MaxPixelsPerImage)",
            Assert.Single(Reader().Read(spec.ToJsonString()).Problems).ToString());
    }

    [Fact]
    public void ShouldCountCombinationsPastLongWithoutOverflowing()
    {
        // 16 slots of 256 options: 2^128 combinations, far beyond a long; a checked product would throw instead.
        var spec = TrophySpecs.Tiny("reader");
        var slots = new JsonArray();
        for (var s = 0; s < 16; s++)
        {
            slots.Add(new JsonObject
            {
                ["id"] = $"s{s}",
                ["options"] = new JsonArray([.. Enumerable.Range(0, 256).Select(o => (JsonNode)new JsonObject { ["id"] = $"o{o}", ["image"] = "base/walnut.png" })]),
            });
        }

        spec["slots"] = slots;

        Assert.Equal("$.slots: more than 9.2 quintillion combinations, over the ceiling of 200,000 (WordPress:MaxCombinations)", Assert.Single(Reader().Read(spec.ToJsonString()).Problems).ToString());
    }

    [Theory]
    [InlineData("other-trophy/{key}.{ext}")]
    [InlineData("{slug}-cup/{key}.{ext}")]
    [InlineData("{key}.{ext}")]
    [InlineData("{slug}{key}.{ext}")]
    public void ShouldRefuseAnOutputPathOutsideTheTrophysFolder(string template)
    {
        var spec = TrophySpecs.Tiny("reader");
        spec["output"] = new JsonObject { ["path"] = template };

        Assert.Equal(
            $"$.output.path: '{template}' must begin with '{{slug}}/', so that the images stay in the trophy's own folder",
            Assert.Single(Reader().Read(spec.ToJsonString()).Problems).ToString());
    }

    [Theory]
    [InlineData("{slug}/{key}.{ext}")]
    [InlineData("{slug}/{base}/{key}.{ext}")]
    public void ShouldAcceptAnOutputPathInsideTheTrophysFolder(string template)
    {
        var spec = TrophySpecs.Tiny("reader");
        spec["output"] = new JsonObject { ["path"] = template };

        var result = Reader().Read(spec.ToJsonString());

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    public void Dispose()
    {
        Directory.Delete(assetRoot, recursive: true);
        Directory.Delete(outside, recursive: true);
    }
}
