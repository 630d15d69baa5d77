using NetVips;

namespace K2Orleans.Bench.NetVipsPeer;

/// <summary>
/// One worker's render loop. Like the product renderer it composites the lower slots once per prefix (kept in
/// memory) and adds only the top layer per image, so the comparison is of libraries, not of algorithms.
/// </summary>
internal sealed class VipsWorker(VipsScene scene)
{
    private readonly int[] choices = new int[scene.SlotCount];
    private int[]? prefixChoices;
    private Image? prefix;

    public byte[] Render(long index, PngSetting setting)
    {
        scene.Decode(index, choices);
        var top = choices.Length - 1;
        if (prefix is null || !choices.AsSpan(0, top).SequenceEqual(prefixChoices))
        {
            prefix?.Dispose();
            var images = Enumerable.Range(0, top).Select(s => scene.Layer(s, choices[s])).ToArray();
            var options = Enumerable.Range(0, top).Select(s => scene.Option(s, choices[s])).ToArray();
            using var composed = scene.Canvas.Composite(images, [.. images.Select(_ => Enums.BlendMode.Over)], [.. options.Select(o => o.X)], [.. options.Select(o => o.Y)]);
            prefix = composed.CopyMemory();
            prefixChoices = choices[..top];
        }

        var option = scene.Option(top, choices[top]);
        using var image = prefix.Composite2(scene.Layer(top, choices[top]), Enums.BlendMode.Over, option.X, option.Y);
        return image.PngsaveBuffer(compression: setting.Compression, filter: setting.Filter, keep: Enums.ForeignKeep.None);
    }
}
