using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>What one attempt of one batch did.</summary>
/// <param name="Error">Set when the batch as a whole could not run (it will be retried); per-image failures are counted in <paramref name="Failed"/>.</param>
/// <param name="Cancelled">The batch stopped early; the counts cover what it processed.</param>
[GenerateSerializer, Immutable, Alias("k2.BatchReport")]
public sealed record BatchReport(
    int BatchIndex,
    int Attempt,
    string Silo,
    int Rendered,
    int Skipped,
    int Failed,
    ImmutableArray<CombinationError> Errors,
    string? Error,
    bool Cancelled);
