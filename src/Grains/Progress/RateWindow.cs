namespace K2Orleans.Grains.Progress;

/// <summary>
/// A recent rate from progress samples: (newest count − oldest count) over their time apart, counting only samples
/// from the last <see cref="Window"/>. A moving rate answers "how fast now", which is what an ETA needs after a
/// pause, a silo loss or a run of skipped images; the average since start would not.
/// </summary>
public sealed class RateWindow(TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, long Count)> samples = new();

    public TimeSpan Window { get; } = window;

    public void Add(DateTimeOffset at, long count)
    {
        samples.Enqueue((at, count));
        while (samples.Count > 2 && at - samples.Peek().At > Window)
        {
            samples.Dequeue();
        }
    }

    public void Clear() => samples.Clear();

    /// <summary>Items per second, or null until two samples at least a tenth of a second apart exist.</summary>
    public double? PerSecond()
    {
        if (samples.Count < 2)
        {
            return null;
        }

        var (firstAt, firstCount) = samples.Peek();
        var (lastAt, lastCount) = samples.Last();
        var seconds = (lastAt - firstAt).TotalSeconds;
        return seconds < 0.1 ? null : (lastCount - firstCount) / seconds;
    }

    /// <summary>Seconds to finish <paramref name="remaining"/> items: 0 when none remain, null while the rate is unknown or zero.</summary>
    public double? EtaSeconds(long remaining)
    {
        if (remaining <= 0)
        {
            return 0;
        }

        return PerSecond() is > 0 and var rate ? remaining / rate : null;
    }
}
