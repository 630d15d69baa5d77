using K2Orleans.SampleGenerator.Tests.Support;

namespace K2Orleans.SampleGenerator.Tests.BenchTrophyTests;

[Collection(GeneratedCollection.Name)]
public sealed class TheBenchTrophies(GeneratedTrophies generated)
{
    [Fact]
    public void Bench900ShouldBeProductSizedWithAtLeast900Combinations()
    {
        var spec = Read("bench-900");

        Assert.Empty(SpecRules.Problems(spec));
        Assert.Equal((500, 800), (spec.CanvasWidth, spec.CanvasHeight));
        Assert.True(spec.Slots.Count >= 4, $"{spec.Slots.Count} slots");
        Assert.True(spec.Combinations >= 900, $"{spec.Combinations} combinations");
        Assert.DoesNotContain(spec.AllOptions, o => !File.Exists(spec.ImagePath(o)));

        // Real products: every option is its own image, so a render decodes what it composites.
        Assert.Equal(spec.AllOptions.Count(), spec.AllOptions.Select(o => o.Image).Distinct().Count());
    }

    [Fact]
    public void Scale128kShouldHave128250CombinationsFromAFewSmallFiles()
    {
        var spec = Read("scale-128k");

        Assert.Empty(SpecRules.Problems(spec));
        Assert.Equal(128_250, spec.Combinations);
        Assert.Equal([3, 30, 5, 15, 19], spec.Slots.Select(s => s.Options.Count + (s.Optional ? 1 : 0)));
        Assert.True(spec.CanvasWidth * spec.CanvasHeight <= 128 * 128, "canvas should be small");
        Assert.DoesNotContain(spec.AllOptions, o => !File.Exists(spec.ImagePath(o)));

        var files = Directory.GetFiles(spec.AssetFolder, "*.png", SearchOption.AllDirectories);
        Assert.True(files.Length * 3 <= spec.AllOptions.Count(), $"{files.Length} files for {spec.AllOptions.Count()} options");
        Assert.True(files.Sum(f => new FileInfo(f).Length) < 200 * 1024, "asset folder should stay small");
    }

    private SpecFile Read(string slug) => SpecFile.Read(Path.Combine(generated.Bench, slug, "trophy.json"));
}
