using System.Text.Json;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>
/// A trophy.json read straight from its JSON, independent of the generator's own model types, so a test
/// sees what a renderer would see.
/// </summary>
public sealed record SpecFile(
    string Path,
    string Slug,
    int CanvasWidth,
    int CanvasHeight,
    string Background,
    string AssetRoot,
    IReadOnlyList<SpecSlot> Slots,
    JsonElement Output)
{
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public string AssetFolder => System.IO.Path.GetFullPath(System.IO.Path.Combine(Folder, AssetRoot));

    /// <summary>Product of option counts, an optional slot counting one more for <c>none</c>.</summary>
    public long Combinations => Slots.Aggregate(1L, (product, slot) => product * (slot.Options.Count + (slot.Optional ? 1 : 0)));

    public IEnumerable<SpecOption> AllOptions => Slots.SelectMany(slot => slot.Options);

    public static SpecFile Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var canvas = root.GetProperty("canvas");
        var slots = root.GetProperty("slots").EnumerateArray().Select(slot => new SpecSlot(
            slot.GetProperty("id").GetString()!,
            slot.TryGetProperty("optional", out var optional) && optional.GetBoolean(),
            [.. slot.GetProperty("options").EnumerateArray().Select(option => new SpecOption(
                option.GetProperty("id").GetString()!,
                option.GetProperty("image").GetString()!,
                option.TryGetProperty("x", out var x) ? x.GetInt32() : 0,
                option.TryGetProperty("y", out var y) ? y.GetInt32() : 0,
                option.TryGetProperty("tint", out var tint) ? tint.GetString() : null))]));
        return new SpecFile(
            path,
            root.GetProperty("slug").GetString()!,
            canvas.GetProperty("width").GetInt32(),
            canvas.GetProperty("height").GetInt32(),
            canvas.GetProperty("background").GetString()!,
            root.GetProperty("assetRoot").GetString()!,
            [.. slots],
            root.GetProperty("output").Clone());
    }

    public string ImagePath(SpecOption option) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(AssetFolder, option.Image));
}
