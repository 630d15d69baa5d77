using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;
using NetVips;

namespace K2Orleans.Bench.NetVipsPeer;

/// <summary>
/// A spec's layers decoded once into memory, shared by all workers (libvips images are immutable and
/// thread-safe as inputs). Tints and optional slots are not modelled: the bench spec has neither.
/// </summary>
internal sealed class VipsScene
{
    private readonly CombinationSpace space;
    private readonly Image[][] layers;

    public VipsScene(TrophySpec spec)
    {
        space = new CombinationSpace(spec);
        if (spec.Slots.Any(s => s.Optional || s.Options.Any(o => o.Tint is not null)))
        {
            throw new InvalidOperationException("the NetVips peer takes no optional slot and no tint");
        }

        layers = [.. spec.Slots.Select(slot => slot.Options.Select(o => Load(Path.Combine(spec.AssetRoot, o.Image))).ToArray())];
        var bg = spec.Canvas.Background;
        Canvas = Image.Black(spec.Canvas.Width, spec.Canvas.Height, bands: 4)
            .NewFromImage([(bg >> 24) & 0xFF, (bg >> 16) & 0xFF, (bg >> 8) & 0xFF, bg & 0xFF])
            .Copy(interpretation: Enums.Interpretation.Srgb)
            .Cast(Enums.BandFormat.Uchar)
            .CopyMemory();
    }

    public long Total => space.Total;

    public int SlotCount => space.SlotCount;

    public Image Canvas { get; }

    public string RelativePathOf(long index)
    {
        var choices = new int[space.SlotCount];
        space.Decode(index, choices);
        return space.RelativePathOf(choices);
    }

    public void Decode(long index, Span<int> choices) => space.Decode(index, choices);

    public Image Layer(int slot, int choice) => layers[slot][choice];

    public OptionSpec Option(int slot, int choice) => space.OptionOf(slot, choice)!;

    public VipsWorker NewWorker() => new(this);

    private static Image Load(string path)
    {
        using var file = Image.NewFromFile(path, access: Enums.Access.Sequential);
        using var rgba = file.Bands == 4 ? file.Copy() : file.Bandjoin(255);
        return rgba.CopyMemory();
    }
}
