namespace K2Orleans.Grains.Rendering.Layers;

/// <summary>A layer file as read at one moment: its content hash, and its pixels once someone needs them.</summary>
/// <remarks>Either <see cref="Error"/> is set, or the hash is valid and <see cref="Decode"/> may still fail for a corrupt image.</remarks>
public sealed class LayerFile
{
    private readonly Func<DecodedLayer>? decode;
    private readonly Lazy<DecodedLayer>? decoded;

    public LayerFile(UInt128 contentHash, Func<DecodedLayer> decode)
    {
        ContentHash = contentHash;
        this.decode = decode;
        decoded = new Lazy<DecodedLayer>(decode, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A layer that cannot be used: <paramref name="reason"/> says why, after the image's path.</summary>
    public LayerFile(string image, string reason)
    {
        Reason = reason;
        Error = $"layer '{image}' {reason}";
    }

    public UInt128 ContentHash { get; }

    public string? Error { get; }

    /// <summary><see cref="Error"/> without the image's path.</summary>
    public string? Reason { get; }

    public bool IsDecoded => decoded is { IsValueCreated: true };

    /// <summary>The pixels; a decode failure is remembered and rethrown, so a corrupt file is decoded once.</summary>
    public DecodedLayer Decode() => Error is not null || decoded is null || decode is null
        ? throw new InvalidOperationException(Error ?? "no pixels")
        : decoded.Value;
}
