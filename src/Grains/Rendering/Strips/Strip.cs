namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>
/// Rows [<see cref="Top"/>, <see cref="Bottom"/>) of an image that the same layers cover throughout, and the key that
/// names their compressed PNG rows' content (see <see cref="StripPlan"/>).
/// </summary>
internal readonly record struct Strip(int Top, int Bottom, UInt128 Key);
