namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>How a job's batches stand.</summary>
[GenerateSerializer, Immutable, Alias("k2.BatchCounts")]
public sealed record BatchCounts(int Total, int Done, int InFlight);
