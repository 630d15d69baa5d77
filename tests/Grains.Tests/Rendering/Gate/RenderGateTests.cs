using System.Collections.Concurrent;
using K2Orleans.Grains.Rendering.Gate;

namespace K2Orleans.Grains.Tests.Rendering.Gate;

/// <summary>The render gate's two lanes: interactive work first, reserved threads for it alone, the batch limit kept.</summary>
public sealed class RenderGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ShouldRunInteractiveWorkBeforeBatchWorkQueuedEarlier()
    {
        using var gate = new RenderGate(limit: 1);
        var order = new ConcurrentQueue<string>();
        var (blocker, started, release) = Blocker(gate, RenderLane.Batch, order, "b0");
        await started.WaitAsync(Deadline);

        var queued = new[]
        {
            Record(gate, RenderLane.Batch, order, "b1"),
            Record(gate, RenderLane.Batch, order, "b2"),
            Record(gate, RenderLane.Interactive, order, "i1"),
            Record(gate, RenderLane.Interactive, order, "i2"),
        };
        release.Set();
        await Task.WhenAll([blocker, .. queued]).WaitAsync(Deadline);

        Assert.Equal(["b0", "i1", "i2", "b1", "b2"], order);
    }

    [Fact]
    public async Task ShouldRunInteractiveWorkWhileEveryBatchSlotIsBusy()
    {
        using var gate = new RenderGate(limit: 1, interactiveReserve: 1);
        var order = new ConcurrentQueue<string>();
        var (blocker, started, release) = Blocker(gate, RenderLane.Batch, order, "b0");
        await started.WaitAsync(Deadline);

        var batch = Record(gate, RenderLane.Batch, order, "b1");
        var thread = await gate.RunAsync(_ => Thread.CurrentThread.Name, CancellationToken.None, RenderLane.Interactive).WaitAsync(Deadline);

        // The one shared thread is still held by b0, so b1 waits; a reserved thread that took batch work would have run it.
        Assert.False(blocker.IsCompleted);
        Assert.False(batch.IsCompleted);
        Assert.Equal("k2-render-i0", thread);
        release.Set();
        await Task.WhenAll(blocker, batch).WaitAsync(Deadline);
        Assert.Equal(["b0", "b1"], order);
    }

    [Fact]
    public async Task ShouldKeepBatchRendersWithinTheLimitWithReservedThreads()
    {
        using var gate = new RenderGate(limit: 2, interactiveReserve: 2);
        var running = 0;
        var most = 0;
        var work = Enumerable.Range(0, 40).Select(i => gate.RunAsync(
            _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Thread.SpinWait(20_000);
                Interlocked.Decrement(ref running);
                return i;
            },
            CancellationToken.None)).ToList();

        await Task.WhenAll(work).WaitAsync(Deadline);

        Assert.InRange(most, 1, 2);
        Assert.InRange(gate.MaxObserved, 1, 2);
    }

    private static (Task<int> Task, Task Started, ManualResetEventSlim Release) Blocker(RenderGate gate, RenderLane lane, ConcurrentQueue<string> order, string name)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var task = gate.RunAsync(
            _ =>
            {
                order.Enqueue(name);
                started.SetResult();
                release.Wait(Deadline);
                return 0;
            },
            CancellationToken.None,
            lane);
        return (task, started.Task, release);
    }

    private static Task<int> Record(RenderGate gate, RenderLane lane, ConcurrentQueue<string> order, string name) => gate.RunAsync(
        _ =>
        {
            order.Enqueue(name);
            return 0;
        },
        CancellationToken.None,
        lane);

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    [Fact]
    public async Task ShouldDropQueuedWorkAtOnceWhenItIsCancelledWhileEveryThreadIsBusy()
    {
        using var gate = new RenderGate(1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = gate.RunAsync(_ => { started.Set(); release.Wait(); return 1; }, CancellationToken.None);
        Assert.True(started.Wait(Deadline));
        using var stop = new CancellationTokenSource();
        var ran = 0;
        var queued = gate.RunAsync(_ => Interlocked.Increment(ref ran), stop.Token);

        stop.Cancel();
        var dropped = await Xunit.Record.ExceptionAsync(() => queued.WaitAsync(Deadline));

        Assert.IsType<TaskCanceledException>(dropped);
        Assert.False(busy.IsCompleted);   // heard while the only thread still rendered
        release.Set();
        Assert.Equal(1, await busy.WaitAsync(Deadline));
        var after = gate.RunAsync(_ => 3, CancellationToken.None);   // the queue is first in, first out: the dropped item has passed
        Assert.Equal(3, await after.WaitAsync(Deadline));
        Assert.Equal(0, Volatile.Read(ref ran));
    }
}
