namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>A layer image that cannot be used; fails only the combinations that need it.</summary>
public sealed class LayerUnavailableException(string imagePath, string reason)
    : Exception($"layer '{imagePath}' {reason}")
{
    public string ImagePath { get; } = imagePath;
}
