
namespace K2Orleans.Grains.Rendering.Output;

/// <summary>What to render and where: a validated spec, the absolute output root, and whether to redo up-to-date images.</summary>
public sealed record RenderTarget(TrophySpec Spec, string OutputRoot, bool Force);
