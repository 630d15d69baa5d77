using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>Asks the source for one job, giving up in time so that a JOB request is always answered.</summary>
public sealed partial class GuardedJobLookup(
    IStatusSource source,
    IOptions<StatusBridgeOptions> options,
    ILogger<GuardedJobLookup> logger)
{
    private const int MaxReasonLength = 200;

    // A permit is returned when the source's call ends, not when the caller gives up on it:
    // calls that hang for good keep their permits, so a stuck source costs a bounded number of calls.
    private readonly SemaphoreSlim permits = new(options.Value.MaxConnections);

    /// <summary>
    /// Half the request timeout: the other half is left for a busy host to schedule and write the answer, so a client
    /// that waits exactly the request timeout (the PHP client's default) still gets it. A job read takes milliseconds;
    /// one that takes a second is stuck.
    /// </summary>
    public TimeSpan Budget { get; } = options.Value.RequestTimeout * 0.5;

    public async Task<JobLookupResult> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        if (!permits.Wait(0))
        {
            return JobLookupResult.Unavailable("too many job lookups are waiting for the cluster");
        }

        var timeout = new CancellationTokenSource(Budget);
        var call = Task.Run(() => source.GetJobAsync(jobId, timeout.Token), CancellationToken.None);
        _ = call.ContinueWith(_ =>
        {
            permits.Release();
            timeout.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            var job = await call.WaitAsync(Budget, cancellationToken);
            return job is null ? JobLookupResult.NotFound : JobLookupResult.Found(job);
        }
        catch (TimeoutException)
        {
            return JobLookupResult.Unavailable($"the cluster did not answer within {Budget.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The client gets "unavailable"; the log keeps the detail.
            LogLookupFailed(exception, jobId);
            var reason = exception.Message.Length > MaxReasonLength ? exception.Message[..MaxReasonLength] : exception.Message;
            return JobLookupResult.Unavailable($"the cluster could not be asked: {reason}");
        }
    }
}
