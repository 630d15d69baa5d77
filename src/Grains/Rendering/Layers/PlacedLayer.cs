
namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>
/// One chosen layer of a combination as drawn: its slot, placement and tint, pixels, content hash, and the canvas rows
/// [<see cref="Top"/>, <see cref="Bottom"/>) it can change (clipped to the canvas, never empty).
/// </summary>
internal readonly record struct PlacedLayer(int Slot, OptionSpec Option, UInt128 ContentHash, DecodedLayer Pixels, int Top, int Bottom)
{
    /// <summary>Whether the layer can change any of rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>).</summary>
    public bool Touches(int rowStart, int rowEnd) => Top < rowEnd && Bottom > rowStart;
}
