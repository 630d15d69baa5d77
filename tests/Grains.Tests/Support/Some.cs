using System.Collections.Immutable;
using System.Text.Json.Nodes;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>Test data builders: a valid spec to start from, changed one way per test.</summary>
public static class Some
{
    public static JsonObject SpecJson() => JsonNode.Parse("""
        {
          "slug": "classic-cup",
          "name": "Classic Cup",
          "canvas": { "width": 40, "height": 60, "background": "transparent" },
          "assetRoot": "assets",
          "slots": [
            { "id": "base", "options": [
                { "id": "black-marble", "image": "base/black.png", "x": 0, "y": 40 },
                { "id": "walnut", "image": "base/walnut.png", "x": 0, "y": 40 } ] },
            { "id": "column", "options": [
                { "id": "gold", "image": "column/plain.png", "x": 15, "y": 10, "tint": "#d4af37" } ] },
            { "id": "topper", "optional": true, "options": [
                { "id": "star", "image": "topper/star.png", "x": 10, "y": 0 } ] }
          ],
          "output": { "format": "png", "quality": 75, "path": "{slug}/{key}.{ext}",
                      "sizes": [ { "suffix": "-thumb", "width": 20 } ] }
        }
        """)!.AsObject();

    /// <summary>A layer store with the default rendering options, as a silo makes it.</summary>
    public static LayerStore Layers() => new(new RenderingOptions());

    /// <summary>The batch renderer over a layer store of its own.</summary>
    public static CombinationRenderer Renderer() => new(Layers());

    /// <summary>Writes the layer files <see cref="SpecJson"/> names, with distinct patterns, under <paramref name="assets"/>.</summary>
    public static void Assets(string assets)
    {
        TestImages.WritePng(Path.Combine(assets, "base/black.png"), 40, 20, TestImages.Pattern(40, 20, 1));
        TestImages.WritePng(Path.Combine(assets, "base/walnut.png"), 40, 20, TestImages.Pattern(40, 20, 2));
        TestImages.WritePng(Path.Combine(assets, "column/plain.png"), 10, 35, TestImages.Pattern(10, 35, 3));
        TestImages.WritePng(Path.Combine(assets, "topper/star.png"), 20, 15, TestImages.Pattern(20, 15, 4));
    }

    /// <summary>A spec of <paramref name="counts"/> options per slot, for tests that never open its layers.</summary>
    public static TrophySpec Spec(int[] counts, bool[]? optional = null)
    {
        var slots = counts.Select((count, s) => new SlotSpec(
            $"s{s}",
            optional?[s] ?? false,
            [.. Enumerable.Range(0, count).Select(o => new OptionSpec($"s{s}o{o}", "x.png", 0, 0, null))]));
        return new TrophySpec("cup", "Cup", new CanvasSpec(10, 10, 0), "/assets", [.. slots],
            new OutputSpec(OutputFormat.Png, 75, "{slug}/{key}.{ext}", ImmutableArray<SizeSpec>.Empty));
    }
}
