using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Holds the latest cluster snapshot, refreshed in the background, so STATUS and PING never wait for the cluster.
/// While refreshes fail (a silo died and its grains do not answer yet, the cluster is slow), the last snapshot is
/// served with a <c>Degraded</c> reason for up to <see cref="LastKnownFor"/>: the cluster usually still renders, and
/// "not running" would be a lie. After that, or when no snapshot was ever read, readers see <see cref="ClusterSnapshot.Down"/>.
/// </summary>
public sealed partial class ClusterSnapshotCache(
    IStatusSource source,
    IOptions<StatusBridgeOptions> options,
    TimeProvider time,
    ILogger<ClusterSnapshotCache> logger)
{
    private readonly StatusBridgeOptions options = options.Value;
    private volatile CachedSnapshot? latest;

    // Why the newest refresh failed; null once one succeeds.
    private volatile string? failure;

    // Touched only by the refresh loop.
    private Task<ClusterSnapshot>? inFlight;
    private bool failing;

    /// <summary>How long the last snapshot is served, marked degraded, while refreshes fail.</summary>
    public static readonly TimeSpan LastKnownFor = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The newest snapshot while refreshes succeed and it is at most <see cref="MaxAge"/> old; while they fail, the
    /// newest one marked degraded for up to <see cref="LastKnownFor"/>; otherwise <see cref="ClusterSnapshot.Down"/>.
    /// </summary>
    public ClusterSnapshot Current
    {
        get
        {
            var entry = latest;
            var reason = failure;
            if (entry is null)
            {
                return ClusterSnapshot.Down;
            }

            var age = time.GetElapsedTime(entry.FetchedAt);
            if (reason is null)
            {
                // No failure recorded but nothing new either: the refresh loop is stuck, and nothing is known.
                return age <= MaxAge ? entry.Snapshot : ClusterSnapshot.Down;
            }

            return age <= LastKnownFor && entry.Snapshot.Running
                ? entry.Snapshot with { Degraded = entry.Snapshot.Degraded is { } own ? $"{own}; {reason}" : reason }
                : ClusterSnapshot.Down;
        }
    }

    /// <summary>One slow refresh plus one missed tick; anything older means the refresh loop is stuck.</summary>
    public TimeSpan MaxAge => options.RequestTimeout + (2 * options.RefreshInterval);

    /// <summary>Refreshes every <see cref="StatusBridgeOptions.RefreshInterval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval, time);
        try
        {
            do
            {
                await RefreshAsync(cancellationToken);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Asks the source once, waiting at most the request timeout; not to be called concurrently.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // A call that outlived its timeout is awaited again instead of being repeated,
        // so a source that hangs for good never collects a pile of stuck calls.
        inFlight ??= StartCall(cancellationToken);
        try
        {
            var snapshot = await inFlight.WaitAsync(options.RequestTimeout, time, cancellationToken);
            inFlight = null;
            if (snapshot is null)
            {
                MarkUnavailable("the status source returned no snapshot");
                return;
            }

            // Jobs the source could not read this time are the last ones known; the snapshot already says it is degraded.
            if (snapshot.Jobs.IsDefault)
            {
                snapshot = snapshot with { Jobs = latest?.Snapshot.Jobs is { IsDefault: false } known ? known : [] };
            }

            latest = new CachedSnapshot(snapshot, time.GetTimestamp());
            failure = null;
            if (failing)
            {
                failing = false;
                LogSourceRecovered();
            }
        }
        catch (TimeoutException)
        {
            MarkUnavailable($"the cluster did not answer within {options.RequestTimeout.TotalSeconds:0.###} s, showing the last known status");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The last snapshot stays, marked with this reason, until a refresh succeeds or it is too old to trust.
            inFlight = null;
            MarkUnavailable($"the cluster could not be asked, showing the last known status ({exception.Message.TrimEnd('.')})");
        }
    }

    private Task<ClusterSnapshot> StartCall(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);

        // Task.Run keeps a source that blocks synchronously from stalling the refresh loop.
        var call = Task.Run(() => source.GetClusterAsync(timeout.Token), CancellationToken.None);
        _ = call.ContinueWith(_ => timeout.Dispose(), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return call;
    }

    private void MarkUnavailable(string reason)
    {
        failure = reason;
        if (!failing)
        {
            failing = true;
            LogSourceUnavailable(reason);
        }
    }

    private sealed record CachedSnapshot(ClusterSnapshot Snapshot, long FetchedAt);
}
