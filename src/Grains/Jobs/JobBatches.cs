using K2Orleans.GrainInterfaces.Batches;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// A job's calls to its batches: sending work, asking in-flight batches whether they still run, telling them to
/// stop. A batch that cannot be reached is lost, and the ledger sends it again; no failed call stops the job.
/// </summary>
public sealed partial class JobBatches(
    IGrainFactory grains, IClusterMembershipService membership, string jobId, JobLedger ledger, SiloDeaths deaths, ILogger logger)
{
    /// <summary>
    /// How long a cancel waits for a stopped batch's answer. A batch stops after its current image, well within this;
    /// a slower one (a huge image, a silo stalled) is left out of the counts rather than hold the cancel up.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private DateTimeOffset nextLivenessCheck;

    // Deaths already acted on; -1 makes a new activation's first check ask every batch it found in flight in storage,
    // which after a crash of the job's own silo is the only way to learn they are lost.
    private long deathsSeen = -1;
    private int window = 1;

    // Where this activation sent each batch still in flight (batches found in flight in storage are not known here).
    private readonly Dictionary<int, SiloAddress> placedOn = [];

    /// <summary>
    /// Sends pending batches until the window is full, each to the active silo with the fewest of this job's batches in
    /// flight. Where a batch lands is chosen here rather than from its index: a silo that finished a batch gets the
    /// next one at once, whichever index is next, so no silo waits while another has a queue.
    /// </summary>
    public async Task DispatchAsync(DateTimeOffset now)
    {
        // With no active silo (the last one is shutting down) a batch has nowhere to go: Orleans would log each failed
        // placement as an error. The batches stay pending for the next tick, or for the job's next activation.
        var active = ActiveSilos();
        if (active.Length == 0)
        {
            return;
        }

        var taken = ledger.TakeForDispatch(window, now);
        if (taken.Count == 0)
        {
            return;
        }

        var load = InFlightBySilo(active);
        foreach (var (batch, attempt, range) in taken)
        {
            var target = LeastLoaded(active, load);
            load[target]++;
            placedOn[batch] = target;
            var work = new BatchWork(jobId, batch, attempt, range, ledger.State.Request!);
            try
            {
                // Placement hint: a batch not active anywhere is activated there (SpreadPlacementDirector honours it).
                RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
                await Batch(batch).StartAsync(work);
            }
            catch (Exception e)
            {
                LogDispatchFailed(logger, e, jobId, batch);
                ledger.MarkLost(batch, now);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }

    /// <summary>The silo of <paramref name="active"/> with the fewest batches in flight; the first in address order on a tie.</summary>
    private static SiloAddress LeastLoaded(IReadOnlyList<SiloAddress> active, IReadOnlyDictionary<SiloAddress, int> load)
    {
        var best = active[0];
        foreach (var silo in active)
        {
            if (load[silo] < load[best])
            {
                best = silo;
            }
        }

        return best;
    }

    /// <summary>
    /// At most once per <paramref name="age"/>, asks batches in flight for at least that long whether they still run;
    /// and as soon as a silo has been declared dead, every batch in flight, however young: waiting for the interval
    /// would leave the dead silo's batches unsent that long.
    /// </summary>
    public async Task FindLostAsync(TimeSpan age, DateTimeOffset now)
    {
        var deathsNow = deaths.Count;
        var afterDeath = deathsNow != deathsSeen;
        if (now < nextLivenessCheck && !afterDeath)
        {
            return;
        }

        nextLivenessCheck = now + age;
        deathsSeen = deathsNow;
        var suspects = ledger.InFlightOlderThan(afterDeath ? TimeSpan.Zero : age, now).ToArray();
        var phases = await Task.WhenAll(suspects.Select(async batch =>
        {
            try
            {
                var (phase, _) = await Batch(batch).GetPhaseAsync();
                return (batch, lost: phase == BatchPhase.Idle);
            }
            catch (Exception e)
            {
                LogLivenessFailed(logger, e, jobId, batch);
                return (batch, lost: true);
            }
        }));
        var lost = phases.Where(p => p.lost).Select(p => p.batch).ToArray();
        foreach (var batch in lost)
        {
            LogBatchLost(logger, jobId, batch);
            ledger.MarkLost(batch, now);
        }
    }

    /// <summary>
    /// Stops <paramref name="batches"/> after their current image and returns what each wrote, as its report. A batch
    /// that cannot be told, or does not answer within <paramref name="grace"/>, is left out: it runs out on its own.
    /// </summary>
    public async Task<IReadOnlyList<BatchReport>> StopAsync(IEnumerable<int> batches, TimeSpan grace)
    {
        var reports = await Task.WhenAll(batches.Select(async batch =>
        {
            try
            {
                // The batch waits at most grace; the margin covers the call itself.
                return await Batch(batch).StopAsync(grace).WaitAsync(grace + TimeSpan.FromSeconds(1));
            }
            catch (Exception e)
            {
                LogStopFailed(logger, e, jobId, batch);
                return null;
            }
        }));
        return [.. reports.OfType<BatchReport>()];
    }

    /// <summary>Sizes the window, the batches kept in flight: <paramref name="perSilo"/> for each active silo.</summary>
    public void SizeWindow(int perSilo) => window = Math.Max(1, ActiveSilos().Length) * perSilo;

    private SiloAddress[] ActiveSilos()
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        Array.Sort(active);
        return active;
    }

    /// <summary>This job's batches in flight on each active silo, as far as this activation placed them.</summary>
    private Dictionary<SiloAddress, int> InFlightBySilo(SiloAddress[] active)
    {
        var inFlight = ledger.InFlight;
        foreach (var batch in placedOn.Keys.Where(b => !inFlight.Contains(b)).ToArray())
        {
            placedOn.Remove(batch);
        }

        var load = active.ToDictionary(silo => silo, _ => 0);
        foreach (var silo in placedOn.Values)
        {
            if (load.TryGetValue(silo, out var count))
            {
                load[silo] = count + 1;
            }
        }

        return load;
    }

    private IRenderBatchGrain Batch(int batch) => grains.GetGrain<IRenderBatchGrain>(JobKeys.Batch(jobId, batch));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} could not be dispatched; it will be retried")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: liveness check of batch {BatchIndex} failed")]
    private static partial void LogLivenessFailed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} was lost (its silo stopped); sending it again")]
    private static partial void LogBatchLost(ILogger logger, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: batch {BatchIndex} could not be told to stop; what it writes from now on is not counted")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string jobId, int batchIndex);
}
