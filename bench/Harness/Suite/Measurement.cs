namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// One path's figures: <paramref name="Wall"/> as the table prints it, user plus system CPU seconds, peak RSS, the
/// rate the tool printed for its own render phase ("" if none) and the mean bytes of the baseline's images.
/// </summary>
internal sealed record Measurement(string Name, long Count, string Wall, double CpuSeconds, long PeakMib, string OwnRate, long Bytes)
{
    public string Rate => Figures.Rate(Count, Figures.Number(Wall));
}
