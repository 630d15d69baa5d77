using K2Orleans.SampleGenerator.Cli;
using K2Orleans.SampleGenerator.Corpus;
using K2Orleans.SampleGenerator.Tests.Support;
using K2Orleans.SampleGenerator.Writing;

namespace K2Orleans.SampleGenerator.Tests.CorpusTests;

/// <summary>The content corpus of bench/corpus.sh (<c>corpus DIR</c>), written once for the class.</summary>
public sealed class TheCorpus(TheCorpus.Written corpus) : IClassFixture<TheCorpus.Written>
{
    private static readonly string[] Slugs =
        ["corpus-photo", "corpus-vector", "corpus-gradient", "corpus-glow", "corpus-thumbnail", "corpus-large"];

    [Fact]
    public void ShouldWriteSixValidFourSlotMembersWithAFewDozenCombinationsEach()
    {
        Assert.Equal(GeneratorCommand.Success, corpus.Exit);
        Assert.Equal(Slugs.Order(StringComparer.Ordinal), Directory.GetDirectories(corpus.Folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var slug in Slugs)
        {
            var spec = Read(slug);
            Assert.Empty(SpecRules.Problems(spec));
            Assert.Equal(4, spec.Slots.Count);
            Assert.DoesNotContain(spec.Slots, s => s.Optional || s.Options.Any(o => o.Tint is not null));
            Assert.Equal(spec.AllOptions.Count(), spec.AllOptions.Select(o => o.Image).Distinct().Count());
            Assert.InRange(spec.Combinations, slug == "corpus-large" ? 8 : 12, 60);
        }

        Assert.True(Read("corpus-large").Combinations < Slugs.Where(s => s != "corpus-large").Min(s => Read(s).Combinations), "the large member should have the fewest combinations");
    }

    [Theory]
    [InlineData("corpus-photo", 400, 640)]
    [InlineData("corpus-glow", 400, 640)]
    [InlineData("corpus-thumbnail", 160, 256)]
    [InlineData("corpus-large", 1600, 2560)]
    public void ShouldDrawEveryPartInsideItsCanvasAsEightBitRgba(string slug, int width, int height)
    {
        var spec = Read(slug);

        Assert.Equal((width, height), (spec.CanvasWidth, spec.CanvasHeight));
        foreach (var option in spec.AllOptions)
        {
            var header = PngHeader.TryRead(File.ReadAllBytes(spec.ImagePath(option)));
            Assert.NotNull(header);
            Assert.Equal((8, 6), (header.BitDepth, header.ColourType));
            Assert.True(option.X >= 0 && option.Y >= 0 && option.X + header.Width <= width && option.Y + header.Height <= height, $"{option.Image} leaves the canvas");
        }
    }

    [Fact]
    public void ShouldWriteIdenticalBytesOnEveryRun()
    {
        using var second = new TempFolder();
        foreach (var trophy in CorpusTrophies.Build().Where(t => t.Spec.Slug != "corpus-large"))
        {
            TrophyWriter.Write(trophy, second.Path);
        }

        foreach (var slug in Slugs.Where(s => s != "corpus-large"))
        {
            var first = Path.Combine(corpus.Folder.Path, slug);
            var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second.Path, slug, file))), $"{slug}/{file} differs between two runs");
            }
        }
    }

    private SpecFile Read(string slug) => SpecFile.Read(Path.Combine(corpus.Folder.Path, slug, TrophyWriter.SpecFileName));

    /// <summary>The corpus as the command writes it.</summary>
    public sealed class Written : IDisposable
    {
        public Written() => Exit = GeneratorCommand.Run(["corpus", Folder.Path], Folder.Path, new StringWriter(), new StringWriter());

        public TempFolder Folder { get; } = new();

        public int Exit { get; }

        public void Dispose() => Folder.Dispose();
    }
}
