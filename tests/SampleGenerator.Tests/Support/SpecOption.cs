namespace K2Orleans.SampleGenerator.Tests.Support;

public sealed record SpecOption(string Id, string Image, int X, int Y, string? Tint);
