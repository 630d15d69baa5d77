using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Tests.Rendering.Output;

/// <summary>
/// The image endpoint decides "current or not" with <see cref="InputFingerprint.OfCombination"/> before rendering; it
/// must be exactly the stamp the batch renderer writes, or every on-request image would be rendered again by the build.
/// </summary>
public sealed class InputFingerprintTests : AssetFolderTests
{
    [Fact]
    public void ShouldEqualTheStampTheRendererWritesForEveryCombination()
    {
        var json = Some.SpecJson();
        json["slots"]![1]!["options"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["id"] = "plain", ["image"] = "column/plain.png", ["x"] = 14, ["y"] = 9 });
        var spec = new SpecParser().Parse(json.ToJsonString(), Temp.Path).Spec!;
        var layers = Some.Layers();
        var space = new CombinationSpace(spec);
        new CombinationRenderer(layers).Render(new RenderTarget(spec, Temp.Combine("out"), Force: false), new IndexRange(0, (int)space.Total), CancellationToken.None);

        var choices = new int[space.SlotCount];
        var fingerprints = new HashSet<string>();
        for (long index = 0; index < space.Total; index++)
        {
            space.Decode(index, choices);
            var path = Path.Combine(Temp.Combine("out"), space.RelativePathOf(choices));
            var fingerprint = InputFingerprint.OfCombination(space, InputFingerprint.OfSpec(spec), choices, layers);

            Assert.Equal(FingerprintStamp.Read(path, OutputFormat.Png), fingerprint);
            Assert.Equal(fingerprint, FingerprintStamp.Read(CombinationSpace.SizedPath(path, "-thumb"), OutputFormat.Png));
            fingerprints.Add(fingerprint);
        }

        Assert.Equal(space.Total, fingerprints.Count);
    }

    [Fact]
    public void ShouldChangeWithTheEffortSoAnotherEffortRendersAgain()
    {
        var spec = new SpecParser().Parse(Some.SpecJson().ToJsonString(), Temp.Path).Spec!;
        var max = spec with { Output = spec.Output with { Effort = OutputEffort.Max } };
        var fast = spec with { Output = spec.Output with { Effort = OutputEffort.Fast } };
        var renderer = Some.Renderer();
        var all = new IndexRange(0, (int)new CombinationSpace(spec).Total);

        Assert.Equal(3, new[] { spec, max, fast }.Select(InputFingerprint.OfSpec).Distinct().Count());
        var first = renderer.Render(new RenderTarget(spec, Temp.Combine("out"), Force: false), all, CancellationToken.None);
        var again = renderer.Render(new RenderTarget(spec, Temp.Combine("out"), Force: false), all, CancellationToken.None);
        var atMax = renderer.Render(new RenderTarget(max, Temp.Combine("out"), Force: false), all, CancellationToken.None);

        Assert.Equal((all.Count, 0), (first.Rendered, first.Skipped));
        Assert.Equal((0, all.Count), (again.Rendered, again.Skipped));
        Assert.Equal((all.Count, 0), (atMax.Rendered, atMax.Skipped));
    }

    [Fact]
    public void ShouldThrowNamingALayerThatCannotBeRead()
    {
        File.Delete(Temp.Combine("assets", "topper", "star.png"));
        var spec = new SpecParser().Parse(Some.SpecJson().ToJsonString(), Temp.Path).Spec!;
        var space = new CombinationSpace(spec);
        var choices = new int[space.SlotCount];
        space.Decode(space.IndexOfKey("walnut_gold_star")!.Value, choices);

        var refused = Assert.Throws<LayerUnavailableException>(() => InputFingerprint.OfCombination(space, InputFingerprint.OfSpec(spec), choices, Some.Layers()));

        Assert.Equal("topper/star.png", refused.ImagePath);
    }
}
