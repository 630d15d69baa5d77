namespace K2Orleans.GrainInterfaces.Status;

/// <summary>A silo's render gate: renders running now, its limit, the most ever seen at once, batches finished.</summary>
/// <param name="OnRequest">The silo's image endpoint (null from silos older than the endpoint).</param>
[GenerateSerializer, Immutable, Alias("k2.SiloRenderStats")]
public sealed record SiloRenderStats(string Silo, int Active, int Limit, int MaxObserved, long BatchesRendered, int Queued, OnRequestStats? OnRequest = null);
