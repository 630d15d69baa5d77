namespace K2Orleans.SampleGenerator.Tests.Support;

public sealed record SpecSlot(string Id, bool Optional, IReadOnlyList<SpecOption> Options);
