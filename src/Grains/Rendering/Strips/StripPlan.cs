using System.Buffers.Binary;
using System.IO.Hashing;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;

namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>
/// Cuts a combination's image into strips at every layer's top and bottom edge, and names each strip's compressed rows
/// by what they are made of, so combinations that share a strip's layers share its compressed piece.
/// </summary>
/// <remarks>
/// A pixel is the background with the layers that cover it drawn over it in slot order, so the rows of a strip depend
/// only on the spec's canvas and on the layers whose rows meet the strip. A PNG row is filtered against the row above,
/// so a strip's compressed bytes also depend on the row above its top: the key folds in every layer that meets
/// [top - 1, bottom), in slot order, with its slot, content hash, position and tint (as the image's fingerprint does),
/// after the spec's fingerprint part (canvas size and background, format and quality) and the strip's rows. Equal keys
/// thus mean equal filtered bytes and settings, hence equal compressed bytes.
/// </remarks>
internal static class StripPlan
{
    /// <summary>Fills <paramref name="strips"/> with the strips of an image <paramref name="height"/> rows high, top to bottom.</summary>
    /// <param name="layers">The combination's drawn layers in slot order.</param>
    /// <param name="specHash"><see cref="InputFingerprint.OfSpec"/> of the spec.</param>
    public static void Cut(ReadOnlySpan<PlacedLayer> layers, int height, UInt128 specHash, List<Strip> strips)
    {
        strips.Clear();
        Span<int> edges = stackalloc int[(2 * layers.Length) + 2];
        var count = 0;
        edges[count++] = 0;
        edges[count++] = height;
        foreach (var layer in layers)
        {
            edges[count++] = layer.Top;
            edges[count++] = layer.Bottom;
        }

        edges = edges[..count];
        edges.Sort();
        var top = 0;
        foreach (var edge in edges)
        {
            if (edge > top)
            {
                strips.Add(new Strip(top, edge, KeyOf(layers, top, edge, specHash)));
                top = edge;
            }
        }
    }

    private static UInt128 KeyOf(ReadOnlySpan<PlacedLayer> layers, int top, int bottom, UInt128 specHash)
    {
        Span<byte> seed = stackalloc byte[16 + 4 + 4];
        BinaryPrimitives.WriteUInt128LittleEndian(seed, specHash);
        BinaryPrimitives.WriteInt32LittleEndian(seed[16..], top);
        BinaryPrimitives.WriteInt32LittleEndian(seed[20..], bottom);
        var key = XxHash128.HashToUInt128(seed);
        foreach (var layer in layers)
        {
            if (layer.Touches(Math.Max(0, top - 1), bottom))
            {
                key = InputFingerprint.Add(key, layer.Slot, layer.Option, layer.ContentHash);
            }
        }

        return key;
    }
}
