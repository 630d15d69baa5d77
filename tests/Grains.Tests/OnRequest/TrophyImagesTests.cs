using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.OnRequest;

namespace K2Orleans.Grains.Tests.OnRequest;

/// <summary>Which file names a trophy answers: every key, each size's suffix, its format's extension, nothing else.</summary>
public sealed class TrophyImagesTests
{
    private readonly TrophyImages trophy;

    public TrophyImagesTests()
    {
        var json = Some.SpecJson();
        json["slots"]![1]!["options"]![0]!["id"] = "gold-thumb";   // an option id that ends like the size's suffix
        var spec = new SpecParser().Parse(json.ToJsonString(), "/srv/assets").Spec!;
        trophy = new TrophyImages(new JobRequest(spec, "/srv/out", Force: false));
    }

    [Theory]
    [InlineData("walnut_gold-thumb_star.png", "walnut_gold-thumb_star", "", "/srv/out/classic-cup/walnut_gold-thumb_star.png")]
    [InlineData("walnut_gold-thumb_none-thumb.png", "walnut_gold-thumb_none", "-thumb", "/srv/out/classic-cup/walnut_gold-thumb_none-thumb.png")]
    [InlineData("black-marble_gold-thumb_star-thumb.png", "black-marble_gold-thumb_star", "-thumb", "/srv/out/classic-cup/black-marble_gold-thumb_star-thumb.png")]
    public void ShouldFindEveryOutputOfEveryCombination(string name, string key, string suffix, string path)
    {
        var found = trophy.Find(name);

        Assert.NotNull(found);
        Assert.Equal((key, suffix, path), (found.Key, found.Suffix, found.Path));
        Assert.Equal($"/srv/out/classic-cup/{key}.png", found.MainPath);
        Assert.Equal(trophy.Space.IndexOfKey(key), found.Index);
    }

    [Theory]
    [InlineData("walnut_gold-thumb_star.jpg")]
    [InlineData("walnut_gold-thumb_star-small.png")]
    [InlineData("walnut_gold-thumb.png")]
    [InlineData("walnut_gold-thumb_star_none.png")]
    [InlineData("oak_gold-thumb_star.png")]
    [InlineData("walnut_gold_star.png")]
    [InlineData("-thumb.png")]
    [InlineData(".png")]
    [InlineData("walnut_gold-thumb_star.png.png")]
    [InlineData("../walnut_gold-thumb_star.png")]
    public void ShouldFindNothingForANameOutsideTheTrophy(string name) => Assert.Null(trophy.Find(name));
}
