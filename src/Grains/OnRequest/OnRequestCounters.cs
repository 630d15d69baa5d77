using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// This silo's image endpoint figures for the status socket: counts since start, and the waits of requests that needed
/// a render over the last minute (at most <see cref="MaxSamples"/> of them, the newest kept).
/// </summary>
public sealed class OnRequestCounters(TimeProvider time)
{
    public const int MaxSamples = 8192;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock sync = new();
    private readonly Queue<(long At, double Ms)> waits = new();
    private long rendered;
    private long served;
    private long coalesced;
    private long notFound;
    private long busy;

    public void Rendered() => Interlocked.Increment(ref rendered);

    public void Served() => Interlocked.Increment(ref served);

    public void Coalesced() => Interlocked.Increment(ref coalesced);

    public void NotFound() => Interlocked.Increment(ref notFound);

    public void Busy() => Interlocked.Increment(ref busy);

    /// <summary>A request waited <paramref name="elapsed"/> for its image to be rendered (by itself or a request it joined).</summary>
    public void Waited(TimeSpan elapsed)
    {
        lock (sync)
        {
            waits.Enqueue((time.GetTimestamp(), elapsed.TotalMilliseconds));
            if (waits.Count > MaxSamples)
            {
                waits.Dequeue();
            }
        }
    }

    public OnRequestStats Snapshot()
    {
        double[] recent;
        lock (sync)
        {
            while (waits.Count > 0 && time.GetElapsedTime(waits.Peek().At) > Window)
            {
                waits.Dequeue();
            }

            recent = [.. waits.Select(w => w.Ms)];
        }

        Array.Sort(recent);
        return new OnRequestStats(
            Interlocked.Read(ref rendered), Interlocked.Read(ref served), Interlocked.Read(ref coalesced),
            Interlocked.Read(ref notFound), Interlocked.Read(ref busy), Percentile(recent, 0.50), Percentile(recent, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values, rounded to 0.1 ms; 0 for none.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
