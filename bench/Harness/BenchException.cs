namespace K2Orleans.Bench.Harness;

/// <summary>A problem with the harness's input, reported as one line.</summary>
internal sealed class BenchException(string message) : Exception(message);
