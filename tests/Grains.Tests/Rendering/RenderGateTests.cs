using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Tests.Rendering;

public sealed class RenderGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ShouldDropQueuedWorkAtOnceWhenItIsCancelledWhileEveryThreadIsBusy()
    {
        using var gate = new RenderGate(1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var busy = gate.RunAsync(_ => { started.Set(); release.Wait(); return 1; }, CancellationToken.None);
        Assert.True(started.Wait(Patience));
        using var stop = new CancellationTokenSource();
        var ran = 0;
        var queued = gate.RunAsync(_ => Interlocked.Increment(ref ran), stop.Token);

        stop.Cancel();
        var dropped = await Record.ExceptionAsync(() => queued.WaitAsync(Patience));

        Assert.IsType<TaskCanceledException>(dropped);
        Assert.False(busy.IsCompleted);   // heard while the only thread still rendered
        release.Set();
        Assert.Equal(1, await busy.WaitAsync(Patience));
        var after = gate.RunAsync(_ => 3, CancellationToken.None);   // the queue is first in, first out: the dropped item has passed
        Assert.Equal(3, await after.WaitAsync(Patience));
        Assert.Equal(0, Volatile.Read(ref ran));
    }
}
