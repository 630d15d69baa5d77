using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Holds the latest cluster snapshot, refreshed in the background, so STATUS and PING never wait for the cluster.
/// A snapshot that could not be refreshed in time is not served: readers then see <see cref="ClusterSnapshot.Down"/>.
/// </summary>
public sealed partial class ClusterSnapshotCache(
    IStatusSource source,
    IOptions<StatusBridgeOptions> options,
    TimeProvider time,
    ILogger<ClusterSnapshotCache> logger)
{
    private readonly StatusBridgeOptions options = options.Value;
    private volatile CachedSnapshot? latest;

    // Touched only by the refresh loop.
    private Task<ClusterSnapshot>? inFlight;
    private bool failing;

    /// <summary>The newest snapshot if it is at most <see cref="MaxAge"/> old, else <see cref="ClusterSnapshot.Down"/>.</summary>
    public ClusterSnapshot Current
    {
        get
        {
            var entry = latest;
            return entry is not null && time.GetElapsedTime(entry.FetchedAt) <= MaxAge
                ? entry.Snapshot
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

            latest = new CachedSnapshot(snapshot, time.GetTimestamp());
            if (failing)
            {
                failing = false;
                LogSourceRecovered();
            }
        }
        catch (TimeoutException)
        {
            MarkUnavailable($"no answer within {options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // Any failure of the source means "cluster not reachable", which STATUS reports as running:false.
            inFlight = null;
            MarkUnavailable(exception.Message);
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
        latest = null;
        if (!failing)
        {
            failing = true;
            LogSourceUnavailable(reason);
        }
    }

    private sealed record CachedSnapshot(ClusterSnapshot Snapshot, long FetchedAt);
}
