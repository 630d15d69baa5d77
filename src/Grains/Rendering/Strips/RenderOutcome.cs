namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>What happened to one combination.</summary>
public enum RenderOutcome
{
    Rendered,
    Skipped,
    Failed,
}
