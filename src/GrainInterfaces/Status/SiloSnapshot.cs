namespace K2Orleans.GrainInterfaces.Status;

/// <summary>One silo as the status socket reports it.</summary>
/// <param name="Status">Orleans silo status in lower case, e.g. <c>active</c>.</param>
/// <param name="OnRequest">The silo's image endpoint figures, when it reported them.</param>
[GenerateSerializer, Immutable, Alias("k2.SiloSnapshot")]
public sealed record SiloSnapshot(string Address, string Status, int RendersActive, int RenderLimit, OnRequestStats? OnRequest = null);
