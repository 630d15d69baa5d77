using K2Orleans.StatusBridge.Protocol;
using K2Orleans.StatusBridge.Sources;

namespace K2Orleans.StatusBridge.Server;

/// <summary>Answers parsed requests; PING and STATUS from the cache, JOB through the guarded lookup.</summary>
public sealed class RequestHandler(ClusterSnapshotCache cluster, GuardedJobLookup jobs, TimeProvider time)
{
    private readonly long startedAt = time.GetTimestamp();

    public async ValueTask<BridgeResponse> HandleAsync(BridgeRequest request, CancellationToken cancellationToken)
    {
        switch (request.Command)
        {
            case BridgeCommand.Ping:
                return new(ResponseWriter.Pong(cluster.Current.Running), false);
            case BridgeCommand.Status:
                return new(ResponseWriter.Status(cluster.Current, time.GetElapsedTime(startedAt)), false);
            case BridgeCommand.Quit:
                return new(ResponseWriter.Bye(), true);
            case BridgeCommand.Job when request.JobId is { } jobId:
                var found = await jobs.FindAsync(jobId, cancellationToken);
                return new(Describe(found, jobId), false);
            default:
                var error = request.Error ?? new ProtocolError(ErrorCodes.UnknownCommand, "unknown command");
                return new(ResponseWriter.Error(error.Code, error.Message), error.CloseAfter);
        }
    }

    private static byte[] Describe(JobLookupResult found, string jobId) => found switch
    {
        { Job: { } job } => ResponseWriter.Job(job),
        { UnavailableReason: { } reason } => ResponseWriter.Error(ErrorCodes.Unavailable, reason),
        _ => ResponseWriter.Error(ErrorCodes.NotFound, $"no job '{jobId}'"),
    };
}
