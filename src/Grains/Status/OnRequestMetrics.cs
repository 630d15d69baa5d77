using System.Diagnostics.Metrics;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains.OnRequest;

namespace K2Orleans.Grains.Status;

/// <summary>
/// The image endpoint's figures (<see cref="OnRequestCounters"/>, which the status socket reports too) on the meter
/// <c>K2Orleans</c>, read from a snapshot when a scrape asks: the counters count on, untouched by the metrics.
/// </summary>
public sealed class OnRequestMetrics : IDisposable
{
    private readonly Meter meter = new(RenderMetrics.MeterName);
    private readonly OnRequestCounters counters;

    public OnRequestMetrics(OnRequestCounters counters)
    {
        this.counters = counters;
        meter.CreateObservableCounter("k2.onrequest.requests", Requests, unit: "{request}", description: "Image requests answered, by outcome (served, not_found, busy)");
        meter.CreateObservableCounter("k2.onrequest.renders", () => counters.Snapshot().Rendered, unit: "{image}", description: "Combinations rendered because a request asked for them");
        meter.CreateObservableCounter("k2.onrequest.coalesced", () => counters.Snapshot().Coalesced, unit: "{request}", description: "Requests that joined a render of the same combination already under way");
        meter.CreateObservableGauge("k2.onrequest.wait", Waits, unit: "ms", description: "Wait of requests that needed a render, over the last minute, by quantile (0.5, 0.99)");
    }

    public void Dispose() => meter.Dispose();

    private IEnumerable<Measurement<long>> Requests()
    {
        var now = counters.Snapshot();
        return
        [
            new(now.Served, new KeyValuePair<string, object?>("outcome", "served")),
            new(now.NotFound, new KeyValuePair<string, object?>("outcome", "not_found")),
            new(now.Busy, new KeyValuePair<string, object?>("outcome", "busy")),
        ];
    }

    private IEnumerable<Measurement<double>> Waits()
    {
        OnRequestStats now = counters.Snapshot();
        return
        [
            new(now.P50Ms, new KeyValuePair<string, object?>("quantile", "0.5")),
            new(now.P99Ms, new KeyValuePair<string, object?>("quantile", "0.99")),
        ];
    }
}
