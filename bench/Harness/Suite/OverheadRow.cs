namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The medians of the alternating tight-loop and <c>k2 render</c> runs on one spec (full mode).</summary>
internal sealed record OverheadRow(string Label, long Count, double LoopWall, double K2Wall, double LoopOwn, double K2Own);
