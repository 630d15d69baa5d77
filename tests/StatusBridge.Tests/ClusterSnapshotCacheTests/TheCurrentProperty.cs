using System.Diagnostics;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using K2Orleans.StatusBridge.Tests.Support;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace K2Orleans.StatusBridge.Tests.ClusterSnapshotCacheTests;

public sealed class TheCurrentProperty
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    private readonly FakeStatusSource source = new();

    // The timeout is generous unless a test waits for it: a loaded machine must not turn answers into timeouts.
    private ClusterSnapshotCache CreateCache(TimeProvider? time = null, TimeSpan? requestTimeout = null) => new(
        source,
        Options.Create(new StatusBridgeOptions { RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(5) }),
        time ?? TimeProvider.System,
        NullLogger<ClusterSnapshotCache>.Instance);

    [Fact]
    public void ShouldBeDownBeforeTheFirstRefresh() =>
        Assert.Same(ClusterSnapshot.Down, CreateCache().Current);

    [Fact]
    public async Task ShouldServeWhatTheSourceAnswered()
    {
        var snapshot = Some.Cluster(Some.Job());
        source.Cluster = _ => snapshot;
        var cache = CreateCache();

        await cache.RefreshAsync(CancellationToken.None);

        Assert.Same(snapshot, cache.Current);
    }

    [Fact]
    public async Task ShouldKeepTheLastSnapshotMarkedDegradedWhenTheSourceFails()
    {
        var cache = CreateCache();
        await cache.RefreshAsync(CancellationToken.None);
        var known = cache.Current;

        source.Mode = FakeStatusSource.Behaviour.Throw;
        await cache.RefreshAsync(CancellationToken.None);

        Assert.True(cache.Current.Running);
        Assert.Equal(known.Jobs, cache.Current.Jobs);
        Assert.Equal(known.Silos, cache.Current.Silos);
        Assert.StartsWith("the cluster could not be asked, showing the last known status", cache.Current.Degraded);
    }

    [Fact]
    public async Task ShouldBeDownWhenTheSourceHasFailedForLongerThanTheLastKnownIsServed()
    {
        var time = new FakeTimeProvider();
        var cache = CreateCache(time);
        await cache.RefreshAsync(CancellationToken.None);
        source.Mode = FakeStatusSource.Behaviour.Throw;
        await cache.RefreshAsync(CancellationToken.None);
        time.Advance(ClusterSnapshotCache.LastKnownFor - TimeSpan.FromSeconds(1));
        Assert.True(cache.Current.Running);

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Same(ClusterSnapshot.Down, cache.Current);
    }

    [Fact]
    public async Task ShouldFillJobsTheSourceCouldNotReadWithTheLastKnown()
    {
        var cache = CreateCache();
        await cache.RefreshAsync(CancellationToken.None);
        var known = cache.Current.Jobs;
        source.Cluster = _ => Some.Cluster() with { Jobs = default, Degraded = "jobs could not be read" };

        await cache.RefreshAsync(CancellationToken.None);

        Assert.NotEmpty(known);
        Assert.Equal(known, cache.Current.Jobs);
        Assert.Equal("jobs could not be read", cache.Current.Degraded);
    }

    [Fact]
    public async Task ShouldGiveUpOnAHangingSourceAfterTheRequestTimeout()
    {
        var cache = CreateCache(requestTimeout: ShortTimeout);
        await cache.RefreshAsync(CancellationToken.None);
        source.Mode = FakeStatusSource.Behaviour.Hang;

        var watch = Stopwatch.StartNew();
        await cache.RefreshAsync(CancellationToken.None);

        Assert.InRange(watch.Elapsed, ShortTimeout * 0.9, ShortTimeout * 5);
        Assert.True(cache.Current.Running);
        Assert.StartsWith("the cluster did not answer within", cache.Current.Degraded);
    }

    [Fact]
    public async Task ShouldNotPileUpCallsOnAHangingSource()
    {
        source.Mode = FakeStatusSource.Behaviour.Hang;
        var cache = CreateCache(requestTimeout: ShortTimeout);

        await cache.RefreshAsync(CancellationToken.None);
        await cache.RefreshAsync(CancellationToken.None);
        await cache.RefreshAsync(CancellationToken.None);

        Assert.Equal(1, source.ClusterCalls);
    }

    [Fact]
    public async Task ShouldNotBeBlockedByASourceThatBlocksItsThread()
    {
        using var release = new ManualResetEventSlim();
        var blocking = new BlockingSource(release);
        var cache = new ClusterSnapshotCache(blocking,
            Options.Create(new StatusBridgeOptions { RequestTimeout = ShortTimeout }), TimeProvider.System,
            NullLogger<ClusterSnapshotCache>.Instance);

        var refresh = cache.RefreshAsync(CancellationToken.None);
        var finished = await Task.WhenAny(refresh, Task.Delay(ShortTimeout * 10));
        release.Set();

        Assert.Same(refresh, finished);
        Assert.Same(ClusterSnapshot.Down, cache.Current);
    }

    [Fact]
    public async Task ShouldStopServingASnapshotOlderThanTheMaximumAge()
    {
        var time = new ManualTimeProvider();
        var cache = CreateCache(time);
        await cache.RefreshAsync(CancellationToken.None);

        time.Advance(cache.MaxAge);
        Assert.True(cache.Current.Running);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Same(ClusterSnapshot.Down, cache.Current);
    }

    [Fact]
    public async Task ShouldRecoverWhenTheSourceAnswersAgain()
    {
        source.Mode = FakeStatusSource.Behaviour.Throw;
        var cache = CreateCache();
        await cache.RefreshAsync(CancellationToken.None);
        Assert.False(cache.Current.Running);

        source.Mode = FakeStatusSource.Behaviour.Answer;
        await cache.RefreshAsync(CancellationToken.None);

        Assert.True(cache.Current.Running);
    }

    [Fact]
    public async Task ShouldKeepRefreshingInTheBackground()
    {
        source.Cluster = call => Some.Cluster(Some.Job(done: call));
        var cache = new ClusterSnapshotCache(source,
            Options.Create(new StatusBridgeOptions { RefreshInterval = TimeSpan.FromMilliseconds(20) }), TimeProvider.System,
            NullLogger<ClusterSnapshotCache>.Instance);
        using var stop = new CancellationTokenSource();

        var loop = cache.RunAsync(stop.Token);
        await WaitFor.ConditionAsync("three refreshes", () => cache.Current.Jobs is [{ Done: >= 3 }], TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await loop;

        Assert.True(source.ClusterCalls >= 3);
    }

    /// <summary>Blocks the calling thread until released, like a badly written synchronous source.</summary>
    private sealed class BlockingSource(ManualResetEventSlim release) : IStatusSource
    {
        public Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken)
        {
            release.Wait(CancellationToken.None);
            return Task.FromResult(Some.Cluster());
        }

        public Task<GrainInterfaces.Jobs.JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
