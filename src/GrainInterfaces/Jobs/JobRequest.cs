using K2Orleans.GrainInterfaces.Specs;

namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>What to build: a validated spec, the absolute output root, and whether to redo up-to-date images.</summary>
/// <param name="BatchSize">Combinations per batch; null lets the planner choose.</param>
[GenerateSerializer, Immutable, Alias("k2.JobRequest")]
public sealed record JobRequest(TrophySpec Spec, string OutputRoot, bool Force, int? BatchSize = null);
