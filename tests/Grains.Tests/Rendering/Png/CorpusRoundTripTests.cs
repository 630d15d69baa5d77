using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.SampleGenerator.Corpus;
using K2Orleans.SampleGenerator.Writing;

namespace K2Orleans.Grains.Tests.Rendering.Png;

/// <summary>
/// Every member of the content corpus (issue M), rendered by the batch renderer at the default and the maximum effort,
/// decodes through ImageMagick to exactly the pixels the renderer composited: the encoder's per-band levels and
/// filter trials never change a pixel.
/// </summary>
public sealed class CorpusRoundTripTests(CorpusRoundTripTests.Corpus corpus) : IClassFixture<CorpusRoundTripTests.Corpus>, IDisposable
{
    /// <summary>Combinations rendered per member: a run sharing the lower slots (cached pieces reused), then the last.</summary>
    private const int FirstRun = 6;

    private readonly TempFolder output = new();

    public static TheoryData<string, OutputEffort> Members()
    {
        var data = new TheoryData<string, OutputEffort>();
        foreach (var trophy in CorpusTrophies.Build())
        {
            data.Add(trophy.Spec.Slug, OutputEffort.Default);
            data.Add(trophy.Spec.Slug, OutputEffort.Max);
        }

        return data;
    }

    public void Dispose() => output.Dispose();

    [Theory]
    [MemberData(nameof(Members))]
    public void ShouldDecodeThroughImageMagickToTheRenderersPixelsExactly(string slug, OutputEffort effort)
    {
        var loaded = SpecLoader.LoadFile(Path.Combine(corpus.Folder.Path, slug, TrophyWriter.SpecFileName), new SpecParserOptions());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Problems));
        var spec = loaded.Spec! with { Output = loaded.Spec!.Output with { Effort = effort } };
        var space = new CombinationSpace(spec);
        var layers = Some.Layers();
        var renderer = new CombinationRenderer(layers);
        var target = new RenderTarget(spec, output.Path, Force: true);

        var first = renderer.Render(target, new IndexRange(0, (int)Math.Min(FirstRun, space.Total)), CancellationToken.None);
        var last = renderer.Render(target, new IndexRange(space.Total - 1, 1), CancellationToken.None);

        Assert.Equal((0, 0), (first.Failed, last.Failed));
        foreach (var index in Enumerable.Range(0, (int)Math.Min(FirstRun, space.Total)).Select(i => (long)i).Append(space.Total - 1))
        {
            var choices = new int[space.SlotCount];
            space.Decode(index, choices);
            var (decoded, width, height) = MagickCodec.DecodeToRgba(File.ReadAllBytes(Path.Combine(output.Path, space.RelativePathOf(choices))));
            Assert.Equal((spec.Canvas.Width, spec.Canvas.Height), (width, height));
            Assert.True(Composite(spec, space, choices, layers).AsSpan().SequenceEqual(decoded), $"{slug} at {effort}: combination {index} decodes to other pixels than the renderer's");
        }
    }

    /// <summary>The renderer's own compositing of one combination, as the preview renders it.</summary>
    private static byte[] Composite(TrophySpec spec, CombinationSpace space, int[] choices, LayerStore layers)
    {
        var (width, height) = (spec.Canvas.Width, spec.Canvas.Height);
        var canvas = new float[width * height * 4];
        Compositor.Fill(canvas, spec.Canvas.Background);
        for (var s = 0; s < choices.Length; s++)
        {
            var option = space.OptionOf(s, choices[s])!;
            Compositor.Over(canvas, width, height, layers.Get(spec.AssetRoot, option.Image).Decode(), option.X, option.Y, option.Tint);
        }

        var rgba = new byte[width * height * 4];
        Compositor.ToRgba(canvas, rgba);
        return rgba;
    }

    /// <summary>The corpus drawn once for the class (the large member takes most of the seconds it needs).</summary>
    public sealed class Corpus : IDisposable
    {
        public Corpus()
        {
            foreach (var trophy in CorpusTrophies.Build())
            {
                TrophyWriter.Write(trophy, Folder.Path);
            }
        }

        public TempFolder Folder { get; } = new();

        public void Dispose() => Folder.Dispose();
    }
}
