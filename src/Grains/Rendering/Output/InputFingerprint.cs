using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Rendering.Output;

/// <summary>
/// A hash of everything an output image depends on (contracts.md §2): layer contents, placement and tint, canvas,
/// format, quality, effort and sizes. Equal fingerprints mean an existing image is still right and need not be rendered.
/// </summary>
public static class InputFingerprint
{
    /// <summary>Bumped when the renderer's output changes for the same inputs, so old images are redone once.</summary>
    private const int RendererVersion = 1;

    /// <summary>The part shared by every combination of a spec.</summary>
    public static UInt128 OfSpec(TrophySpec spec)
    {
        var text = new StringBuilder()
            .Append(RendererVersion).Append('|')
            .Append(spec.Canvas.Width).Append('x').Append(spec.Canvas.Height).Append('|').Append(spec.Canvas.Background).Append('|')
            .Append(spec.Output.Format).Append('|').Append(spec.Output.Quality).Append('|').Append(spec.Output.Effort);
        foreach (var size in spec.Output.Sizes)
        {
            text.Append('|').Append(size.Suffix).Append('=').Append(size.Width);
        }

        return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Folds one slot's layer into a running fingerprint; a left-out slot folds in a marker of its own.</summary>
    public static UInt128 Add(UInt128 running, int slot, OptionSpec? option, UInt128 layerHash)
    {
        Span<byte> buffer = stackalloc byte[16 + 4 + 16 + 12];
        BinaryPrimitives.WriteUInt128LittleEndian(buffer, running);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[16..], slot);
        if (option is not null)
        {
            BinaryPrimitives.WriteUInt128LittleEndian(buffer[20..], layerHash);
            BinaryPrimitives.WriteInt32LittleEndian(buffer[36..], option.X);
            BinaryPrimitives.WriteInt32LittleEndian(buffer[40..], option.Y);
            BinaryPrimitives.WriteUInt32LittleEndian(buffer[44..], option.Tint ?? 0xFF00_0000u);
        }
        else
        {
            buffer[20..].Fill(0xEE);
        }

        return XxHash128.HashToUInt128(buffer);
    }

    /// <summary>
    /// One combination's fingerprint as hex, folded exactly as the batch renderer folds it while it renders (which keeps
    /// the lower slots' part for its caches), so a file either writes is up to date for the other.
    /// </summary>
    /// <param name="specHash"><see cref="OfSpec"/> of the combination's spec.</param>
    /// <exception cref="LayerUnavailableException">A chosen layer cannot be read.</exception>
    public static string OfCombination(CombinationSpace space, UInt128 specHash, ReadOnlySpan<int> choices, LayerStore layers) =>
        OfCombinationAndLayers(space, specHash, choices, layers, new LayerFile?[choices.Length]);

    /// <inheritdoc cref="OfCombination(CombinationSpace, UInt128, ReadOnlySpan{int}, LayerStore)"/>
    /// <param name="files">Receives each slot's layer file as read for the fingerprint (null for a left-out slot).</param>
    public static string OfCombinationAndLayers(CombinationSpace space, UInt128 specHash, ReadOnlySpan<int> choices, LayerStore layers, Span<LayerFile?> files)
    {
        var hash = specHash;
        var root = LayerStore.Root(space.Spec.AssetRoot);
        for (var s = 0; s < choices.Length; s++)
        {
            var option = space.OptionOf(s, choices[s]);
            var file = option is null ? null : layers.Get(root, option.Image);
            if (file?.Reason is { } problem)
            {
                throw new LayerUnavailableException(option!.Image, problem);
            }

            files[s] = file;
            hash = Add(hash, s, option, file?.ContentHash ?? default);
        }

        return ToHex(hash);
    }

    public static string ToHex(UInt128 fingerprint) => fingerprint.ToString("x32");
}
