namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>Why one combination, or <paramref name="Count"/> combinations failing the same way, could not be rendered.</summary>
/// <param name="Key">The (first) combination that failed.</param>
/// <param name="Count">
/// How many combinations failed with this message: a missing layer fails every combination that uses it, and is
/// recorded once with their number rather than once per combination. Added last, so older callers and stored states
/// read as one combination each.
/// </param>
[GenerateSerializer, Immutable, Alias("k2.CombinationError")]
public sealed record CombinationError(string Key, string Message, int Count = 1);
