namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>A layer's pixels as premultiplied-alpha floats (0..1), RGBA per pixel, row by row.</summary>
/// <remarks>Premultiplied so that "over" is one multiply-add per channel and tint stays a per-channel factor.</remarks>
public sealed class DecodedLayer(int width, int height, float[] premultiplied)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public float[] Pixels { get; } = premultiplied;

    public long SizeInBytes => (long)Pixels.Length * sizeof(float);
}
