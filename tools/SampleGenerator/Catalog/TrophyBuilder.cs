using K2Orleans.SampleGenerator.Drawing;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>Collects slots and part images for one trophy; images are drawn later, when the trophy is written.</summary>
internal sealed class TrophyBuilder(string slug, string name, int width, int height)
{
    private readonly SortedDictionary<string, Func<Layer>> images = new(StringComparer.Ordinal);
    private readonly List<SlotModel> slots = [];

    /// <summary>
    /// Registers a part image and returns its path for the options that use it. The drawing gets a seed derived
    /// from the trophy slug and the path, so adding an image never changes the texture of another.
    /// </summary>
    public string Image(string path, Func<uint, Layer> draw)
    {
        var seed = StableSeed($"{slug}/{path}");
        if (!images.TryAdd(path, () => draw(seed)))
        {
            throw new InvalidOperationException($"Image '{path}' is registered twice in '{slug}'; reuse the returned path instead.");
        }

        return path;
    }

    public void Slot(string id, params OptionModel[] options) => slots.Add(new SlotModel(id, LabelOf(id), false, options));

    public void OptionalSlot(string id, params OptionModel[] options) => slots.Add(new SlotModel(id, LabelOf(id), true, options));

    /// <summary>Gives the last slot added a label of its own and the option a page shows first.</summary>
    public void LastSlot(string? label = null, string? defaultOption = null) =>
        slots[^1] = slots[^1] with { Label = label ?? slots[^1].Label, Default = defaultOption };

    /// <summary>Every option without a label gets one from its id, as an editor would type it ("black-marble": "Black marble").</summary>
    public TrophyDefinition Build(OutputModel output) =>
        new(new SpecDocument(slug, name, new CanvasModel(width, height, "transparent"), "assets",
            [.. slots.Select(s => s with { Options = [.. s.Options.Select(o => o with { Label = o.Label ?? LabelOf(o.Id) })] })], output), images);

    private static string LabelOf(string id) => char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' ');

    /// <summary>FNV-1a: string.GetHashCode is randomised per process and would break reproducible output.</summary>
    private static uint StableSeed(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
