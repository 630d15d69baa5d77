using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// One combination of a spec that no job has built, composited and encoded into memory for an editor's preview:
/// nothing is written. Layers come through the silo's layer cache, confined to the spec's asset root.
/// </summary>
public sealed class PreviewRenderer(LayerStore layers)
{
    /// <exception cref="LayerUnavailableException">A chosen layer is missing, not PNG or cannot be decoded.</exception>
    public byte[] Render(TrophySpec spec, long index)
    {
        var space = new CombinationSpace(spec);
        var (width, height) = (spec.Canvas.Width, spec.Canvas.Height);
        var canvas = new float[width * height * 4];
        Compositor.Fill(canvas, spec.Canvas.Background);
        Span<int> choices = stackalloc int[space.SlotCount];
        space.Decode(index, choices);
        var root = LayerStore.Root(spec.AssetRoot);
        for (var s = 0; s < space.SlotCount; s++)
        {
            if (space.OptionOf(s, choices[s]) is not { } option)
            {
                continue;
            }

            var file = layers.Get(root, option.Image);
            if (file.Reason is { } reason)
            {
                throw new LayerUnavailableException(option.Image, reason);
            }

            Compositor.Over(canvas, width, height, file.Decode(), option.X, option.Y, option.Tint);
        }

        var rgba = new byte[width * height * 4];
        Compositor.ToRgba(canvas, rgba);
        return MagickCodec.Encode(rgba, width, height, spec.Output.Format, spec.Output.Quality, spec.Output.Effort);
    }
}
