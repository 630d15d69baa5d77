namespace K2Orleans.Bench.Harness;

/// <summary>
/// Which combinations the baseline renders: every <c>every</c>-th index (all when 1). The slow baseline renders a
/// sample in quick mode while the fast paths render the whole spec; sizes and pixels are compared on the sample.
/// </summary>
internal static class BaselineSample
{
    public static IEnumerable<long> All(long total, int every)
    {
        for (long index = 0; index < total; index += every)
        {
            yield return index;
        }
    }

    /// <summary><paramref name="count"/> baseline indices spread evenly, the first and the last included.</summary>
    public static IReadOnlyList<long> Spread(long total, int every, int count)
    {
        var rendered = ((total - 1) / every) + 1;
        count = (int)Math.Min(count, rendered);
        return [.. Enumerable.Range(0, count).Select(i => every * (count == 1 ? 0 : (long)Math.Round((double)i * (rendered - 1) / (count - 1))))];
    }
}
