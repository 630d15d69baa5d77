using System.Diagnostics.Metrics;
using K2Orleans.Grains.Rendering.Gate;

namespace K2Orleans.Grains.Status;

/// <summary>
/// This silo's render figures, as .NET metrics (meter <c>K2Orleans</c>, readable with dotnet-counters or the silo's
/// Prometheus endpoint; docs/metrics.md lists them) and as the batch count the status grain reports.
/// </summary>
public sealed class RenderMetrics : IDisposable
{
    public const string MeterName = "K2Orleans";

    /// <summary>Bucket bounds of <c>k2.batch.duration</c> in seconds: a batch of a few images to one of many large ones.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000];

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> combinations;
    private readonly Histogram<double> batchDuration;
    private long batchesFinished;

    public RenderMetrics(RenderGate gate)
    {
        combinations = meter.CreateCounter<long>("k2.combinations", unit: "{image}", description: "Combinations a batch processed, by outcome and trophy");
        batchDuration = meter.CreateHistogram(
            "k2.batch.duration", unit: "s", description: "Time a batch spent rendering on a render thread (not waiting for one), by trophy",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableCounter("k2.batches", () => Interlocked.Read(ref batchesFinished), unit: "{batch}", description: "Batches finished on this silo");
        meter.CreateObservableGauge("k2.renders.active", () => gate.Active, unit: "{render}", description: "Batch renders running now");
        meter.CreateObservableGauge("k2.renders.queued", () => gate.Queued, unit: "{batch}", description: "Batches waiting for the render gate");
        meter.CreateObservableGauge("k2.renders.interactive.active", () => gate.InteractiveActive, unit: "{render}", description: "On-request renders and previews running now");
        meter.CreateObservableGauge("k2.renders.interactive.queued", () => gate.InteractiveQueued, unit: "{render}", description: "On-request renders and previews waiting for a render thread");
    }

    public long BatchesFinished => Interlocked.Read(ref batchesFinished);

    /// <param name="trophy">The trophy's slug: few per shop, so a label Prometheus can keep.</param>
    public void BatchFinished(string trophy, int rendered, int skipped, int failed)
    {
        Interlocked.Increment(ref batchesFinished);
        combinations.Add(rendered, Tag("outcome", "rendered"), Tag("trophy", trophy));
        combinations.Add(skipped, Tag("outcome", "skipped"), Tag("trophy", trophy));
        combinations.Add(failed, Tag("outcome", "failed"), Tag("trophy", trophy));
    }

    /// <summary>A batch rendered for <paramref name="elapsed"/> (cancelled ones too: the time was spent).</summary>
    public void BatchRendered(string trophy, TimeSpan elapsed) =>
        batchDuration.Record(elapsed.TotalSeconds, Tag("trophy", trophy));

    public void Dispose() => meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
