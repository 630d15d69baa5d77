namespace K2Orleans.Grains.Rendering;

/// <summary>What happened to one combination.</summary>
public enum RenderOutcome
{
    Rendered,
    Skipped,
    Failed,
}
