namespace K2Orleans.Grains.Rendering.Gate;

/// <summary>Which queue of the render gate a piece of work waits in.</summary>
public enum RenderLane
{
    /// <summary>A build's batches: as many at once as the render limit.</summary>
    Batch,

    /// <summary>A page or editor waiting (on-request images, previews): taken before any batch work.</summary>
    Interactive,
}
