using System.Diagnostics.Metrics;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Status;

/// <summary>
/// This silo's render figures, as .NET metrics (meter <c>K2Orleans</c>, readable with dotnet-counters or an
/// OpenTelemetry exporter) and as the batch count the status grain reports.
/// </summary>
public sealed class RenderMetrics : IDisposable
{
    public const string MeterName = "K2Orleans";
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> combinations;
    private long batchesFinished;

    public RenderMetrics(RenderGate gate)
    {
        combinations = meter.CreateCounter<long>("k2.combinations", unit: "{image}", description: "Combinations processed, by outcome");
        meter.CreateObservableCounter("k2.batches", () => Interlocked.Read(ref batchesFinished), unit: "{batch}", description: "Batches finished on this silo");
        meter.CreateObservableGauge("k2.renders.active", () => gate.Active, unit: "{render}", description: "Renders running now");
        meter.CreateObservableGauge("k2.renders.queued", () => gate.Queued, unit: "{batch}", description: "Batches waiting for the render gate");
    }

    public long BatchesFinished => Interlocked.Read(ref batchesFinished);

    public void BatchFinished(int rendered, int skipped, int failed)
    {
        Interlocked.Increment(ref batchesFinished);
        combinations.Add(rendered, new KeyValuePair<string, object?>("outcome", "rendered"));
        combinations.Add(skipped, new KeyValuePair<string, object?>("outcome", "skipped"));
        combinations.Add(failed, new KeyValuePair<string, object?>("outcome", "failed"));
    }

    public void Dispose() => meter.Dispose();
}
