using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using K2Orleans.Grains.Status;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The jobs this silo drives now (their grain lives here and its timer ticks), published as the gauge
/// <c>k2.jobs.active</c>; summed over the silos it is the cluster's jobs under way, paused ones included.
/// A job counts from its keep-alive's start to its end or its activation's end, so a job that moves to another silo
/// after a death is counted there, not twice.
/// </summary>
public sealed class RunningJobs : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> jobs = new(StringComparer.Ordinal);
    private readonly Meter meter = new(RenderMetrics.MeterName);

    public RunningJobs() =>
        meter.CreateObservableGauge("k2.jobs.active", () => jobs.Count, unit: "{job}", description: "Jobs under way (running or paused) driven from this silo");

    public int Count => jobs.Count;

    public void Started(string jobId) => jobs.TryAdd(jobId, 0);

    public void Stopped(string jobId) => jobs.TryRemove(jobId, out _);

    public void Dispose() => meter.Dispose();
}
