using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Batches;

/// <summary>One attempt at rendering one index range of a job.</summary>
[GenerateSerializer, Immutable, Alias("k2.BatchWork")]
public sealed record BatchWork(string JobId, int BatchIndex, int Attempt, IndexRange Range, JobRequest Request);
