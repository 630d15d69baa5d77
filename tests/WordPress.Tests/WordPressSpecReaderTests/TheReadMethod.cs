using K2Orleans.Grains.Rendering;
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

    private WordPressSpecReader Reader(long maxCombinations = 1_000_000) =>
        new(assetRoot, new SpecParserOptions { MaxCombinations = maxCombinations }, new LayerStore(new RenderingOptions()));

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

    [Fact]
    public void ShouldHonourTheCombinationLimit() =>
        Assert.Contains("more than the maximum of 1", Assert.Single(Reader(maxCombinations: 1).Read(TrophySpecs.Tiny("reader").ToJsonString()).Problems).Message, StringComparison.Ordinal);

    public void Dispose()
    {
        Directory.Delete(assetRoot, recursive: true);
        Directory.Delete(outside, recursive: true);
    }
}
