using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime.Placement;

namespace K2Orleans.Grains.Tests.Jobs;

/// <summary>Where a job sends its batches: the placement hint each start call carries, seen by a recording grain factory.</summary>
public sealed class JobBatchesTests
{
    private const string JobId = "cup-1";
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 23, 0, 0, TimeSpan.Zero);
    private static readonly SiloAddress A = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress B = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Fact]
    public async Task ShouldSendTheNextBatchesToTheSiloThatFreedItsPlacesWhicheverIndexIsNext()
    {
        var (batches, ledger, starts) = NewJob((A, SiloStatus.Active), (B, SiloStatus.Active));
        batches.SizeWindow(perSilo: 2);

        await batches.DispatchAsync(Now);
        Assert.Equal([(0, A), (1, B), (2, A), (3, B)], starts);

        // Silo A is the faster one: both its batches are done while B still renders 1 and 3. Placed by index, batch 5
        // would have gone to B, and A would have sat with one batch while B queued three.
        Assert.True(ledger.Apply(Finished(0), Now));
        Assert.True(ledger.Apply(Finished(2), Now));
        starts.Clear();
        await batches.DispatchAsync(Now);

        Assert.Equal([(4, A), (5, A)], starts);
        Assert.Null(RequestContext.Get(IPlacementDirector.PlacementHintKey));
    }

    [Fact]
    public async Task ShouldSendBatchesOnlyToActiveSilosAndSizeTheWindowByThem()
    {
        var (batches, _, starts) = NewJob((A, SiloStatus.ShuttingDown), (B, SiloStatus.Active));
        batches.SizeWindow(perSilo: 2);

        await batches.DispatchAsync(Now);

        Assert.Equal([(0, B), (1, B)], starts);
    }

    [Fact]
    public async Task ShouldKeepEveryBatchPendingWhileNoSiloIsActive()
    {
        var (batches, ledger, starts) = NewJob((A, SiloStatus.Stopping));
        batches.SizeWindow(perSilo: 2);

        await batches.DispatchAsync(Now);

        Assert.Empty(starts);
        Assert.Empty(ledger.InFlight);
    }

    private static BatchReport Finished(int batch) => new(batch, 1, "silo", 4, 0, 0, [], null, Cancelled: false);

    // 3 x 16 combinations in batches of 4: batches 0 to 11.
    private static (JobBatches Batches, JobLedger Ledger, List<(int Batch, SiloAddress Hint)> Starts) NewJob(params (SiloAddress Silo, SiloStatus Status)[] silos)
    {
        var ledger = new JobLedger(new TrophyJobState(), Now);
        ledger.Begin(new JobRequest(Some.Spec([3, 16]), "/out", Force: false, BatchSize: 4), 48, Now);
        var starts = new List<(int, SiloAddress)>();
        var membership = new FixedMembership(silos.ToImmutableDictionary(s => s.Silo, s => new ClusterMember(s.Silo, s.Status, $"silo-{s.Silo.Endpoint.Port}")));
        var batches = new JobBatches(RecordingGrains.Create(starts), membership, JobId, ledger, new SiloDeaths(), NullLogger.Instance);
        return (batches, ledger, starts);
    }

    private sealed class FixedMembership(ImmutableDictionary<SiloAddress, ClusterMember> members) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot { get; } = new(members, new MembershipVersion(1));

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }
}

/// <summary>A grain factory whose batch grains record each start call's batch index and placement hint.</summary>
internal class RecordingGrains : DispatchProxy
{
    private List<(int, SiloAddress)> starts = [];

    public static IGrainFactory Create(List<(int, SiloAddress)> starts)
    {
        var factory = DispatchProxy.Create<IGrainFactory, RecordingGrains>();
        ((RecordingGrains)(object)factory).starts = starts;
        return factory;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IGrainFactory.GetGrain) && targetMethod.IsGenericMethod
            && targetMethod.GetGenericArguments()[0] == typeof(IRenderBatchGrain) && args is [string key, ..])
        {
            var grain = DispatchProxy.Create<IRenderBatchGrain, RecordingBatch>();
            var batch = (RecordingBatch)(object)grain;
            batch.Index = int.Parse(key[(key.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            batch.Starts = starts;
            return grain;
        }

        throw new NotSupportedException($"{targetMethod.Name} is not part of what a job asks of its batches");
    }
}

/// <summary>One batch grain of <see cref="RecordingGrains"/>.</summary>
internal class RecordingBatch : DispatchProxy
{
    public int Index { get; set; }

    public List<(int, SiloAddress)> Starts { get; set; } = [];

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IRenderBatchGrain.StartAsync))
        {
            Starts.Add((Index, (SiloAddress)RequestContext.Get(IPlacementDirector.PlacementHintKey)!));
            return Task.CompletedTask;
        }

        throw new NotSupportedException($"{targetMethod.Name} is not part of dispatching");
    }
}
