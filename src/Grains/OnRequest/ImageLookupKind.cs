namespace K2Orleans.Grains.OnRequest;

/// <summary>How an image request ends.</summary>
public enum ImageLookupKind
{
    /// <summary>The file is current (it was, or it has just been rendered).</summary>
    Ready,

    /// <summary>Unknown trophy, or a name outside its outputs: nothing was rendered.</summary>
    NotFound,

    /// <summary>Too many renders are waiting; ask again shortly.</summary>
    Busy,

    /// <summary>The combination cannot be rendered (a layer is missing or corrupt).</summary>
    Failed,
}
