namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>Why one combination could not be rendered.</summary>
[GenerateSerializer, Immutable, Alias("k2.CombinationError")]
public sealed record CombinationError(string Key, string Message);
