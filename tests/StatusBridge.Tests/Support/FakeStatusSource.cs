using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Sources;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>A status source that answers, throws, or hangs forever (ignoring cancellation), as a test sets it.</summary>
internal sealed class FakeStatusSource : IStatusSource
{
    private int clusterCalls;
    private int jobCalls;

    public enum Behaviour
    {
        Answer,
        Throw,
        Hang,
    }

    public Behaviour Mode { get; set; } = Behaviour.Answer;

    /// <summary>Called with the number of this call (1, 2, ...), so answers can change over time.</summary>
    public Func<int, ClusterSnapshot> Cluster { get; set; } = _ => Some.Cluster(Some.Job());

    public Func<string, JobSnapshot?> Job { get; set; } = id => id == Some.Job().Id ? Some.Job() : null;

    public int ClusterCalls => Volatile.Read(ref clusterCalls);

    public int JobCalls => Volatile.Read(ref jobCalls);

    public Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref clusterCalls);
        return Mode switch
        {
            Behaviour.Answer => Task.FromResult(Cluster(call)),
            Behaviour.Throw => Task.FromException<ClusterSnapshot>(new InvalidOperationException("cluster unreachable (fake)")),
            _ => new TaskCompletionSource<ClusterSnapshot>().Task,
        };
    }

    public Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref jobCalls);
        return Mode switch
        {
            Behaviour.Answer => Task.FromResult(Job(jobId)),
            Behaviour.Throw => Task.FromException<JobSnapshot?>(new InvalidOperationException("cluster unreachable (fake)")),
            _ => new TaskCompletionSource<JobSnapshot?>().Task,
        };
    }
}
