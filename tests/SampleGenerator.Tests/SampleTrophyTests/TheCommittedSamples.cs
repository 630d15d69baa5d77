using K2Orleans.SampleGenerator.Tests.Support;

namespace K2Orleans.SampleGenerator.Tests.SampleTrophyTests;

[Collection(GeneratedCollection.Name)]
public sealed class TheCommittedSamples(GeneratedTrophies generated)
{
    private const long SizeBudget = 5L * 1024 * 1024;

    public static TheoryData<string> Slugs => [.. GeneratedTrophies.SampleSlugs];

    [Theory]
    [MemberData(nameof(Slugs))]
    public void ShouldFollowTheSpecRules(string slug)
    {
        var spec = Committed(slug);

        Assert.Equal(slug, spec.Slug);
        Assert.Equal("assets", spec.AssetRoot);
        Assert.Empty(SpecRules.Problems(spec));
        Assert.Equal("png", spec.Output.GetProperty("format").GetString());
        Assert.Equal(75, spec.Output.GetProperty("quality").GetInt32());
        Assert.Equal("{slug}/{key}.{ext}", spec.Output.GetProperty("path").GetString());
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void ShouldReferenceOnlyImagesThatExist(string slug)
    {
        var spec = Committed(slug);

        var missing = spec.AllOptions.Where(o => !File.Exists(spec.ImagePath(o))).Select(o => o.Image).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public void ShouldMatchWhatTheGeneratorDrawsNow(string slug)
    {
        var committed = Path.Combine(Checkout.Samples, slug);
        var fresh = Path.Combine(generated.Samples, slug);

        Assert.Equal(Files(fresh), Files(committed));
        Assert.Equal(File.ReadAllText(Path.Combine(fresh, "trophy.json")), File.ReadAllText(Path.Combine(committed, "trophy.json")));

        // Pixels, not bytes: another zlib build may compress the same pixels differently, and that is fine.
        foreach (var image in Files(fresh).Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var expected = DecodedImage.Read(Path.Combine(fresh, image));
            var actual = DecodedImage.Read(Path.Combine(committed, image));
            Assert.True(expected.Width == actual.Width && expected.Height == actual.Height && expected.Rgba.AsSpan().SequenceEqual(actual.Rgba), $"{slug}/{image} is stale: run `dotnet run --project tools/SampleGenerator -- samples` and commit");
        }
    }

    [Fact]
    public void ShouldStayUnderFiveMegabytesTogether()
    {
        var total = Directory.EnumerateFiles(Checkout.Samples, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

        Assert.InRange(total, 1, SizeBudget);
    }

    [Fact]
    public void ShouldHaveTheCombinationCountsTheReadmeStates()
    {
        var stated = ReadmeCounts.Read(Path.Combine(Checkout.Samples, "README.md"));
        var actual = GeneratedTrophies.SampleSlugs.ToDictionary(slug => slug, slug => Committed(slug).Combinations);
        foreach (var slug in GeneratedTrophies.BenchSlugs)
        {
            actual[slug] = SpecFile.Read(Path.Combine(generated.Bench, slug, "trophy.json")).Combinations;
        }

        Assert.Equal(actual.OrderBy(p => p.Key), stated.OrderBy(p => p.Key));
    }

    [Fact]
    public void ClassicCupShouldExerciseTintOptionalSlotClippingAndAThumbnail()
    {
        var spec = Committed("classic-cup");

        Assert.InRange(spec.Combinations, 40, 60);
        Assert.Contains(spec.AllOptions, o => o.Tint is not null);
        Assert.Contains(spec.Slots, s => s.Optional);
        Assert.Contains(spec.AllOptions, o => o.X < 0 || o.Y < 0);
        Assert.Contains(spec.AllOptions, o =>
        {
            var image = DecodedImage.Read(spec.ImagePath(o));
            return o.X + image.Width > spec.CanvasWidth || o.Y + image.Height > spec.CanvasHeight || o.X < 0 || o.Y < 0;
        });
        var size = Assert.Single(spec.Output.GetProperty("sizes").EnumerateArray());
        Assert.Equal("-thumb", size.GetProperty("suffix").GetString());
        Assert.Equal(160, size.GetProperty("width").GetInt32());
    }

    [Fact]
    public void GrandPrixShouldHaveFiveSlotsAndAtLeastFiveHundredCombinations()
    {
        var spec = Committed("grand-prix");

        Assert.Equal(["base", "column", "riser", "topper", "plate"], spec.Slots.Select(s => s.Id));
        Assert.True(spec.Combinations >= 500, $"{spec.Combinations} combinations");
        Assert.InRange(spec.CanvasWidth * spec.CanvasHeight, 300 * 500, 450 * 700);
    }

    private static SpecFile Committed(string slug) => SpecFile.Read(Path.Combine(Checkout.Samples, slug, "trophy.json"));

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)];
}
