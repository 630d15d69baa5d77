namespace K2Orleans.Grains.Rendering.Gate;

/// <summary>
/// The silo's render limit: a fixed set of dedicated threads takes work from two queues, so no number of batch
/// activations can run more renders at once than <see cref="Limit"/>, and CPU work never runs on Orleans' scheduler.
/// Awaiting <see cref="RunAsync{T}"/> from a grain resumes on the grain's scheduler as usual.
/// Interactive work is always taken before batch work, and <see cref="InteractiveReserve"/> further threads take only
/// interactive work: a batch runs a whole range of images, so without them a page would wait for a range to end.
/// </summary>
public sealed class RenderGate : IDisposable
{
    private readonly object sync = new();
    private readonly Queue<WorkItem> interactive = new();
    private readonly Queue<WorkItem> batch = new();
    private bool disposed;
    private int active;
    private int interactiveActive;
    private int maxObserved;

    /// <param name="limit">Threads that take both lanes: the most batch renders at once.</param>
    /// <param name="interactiveReserve">Threads that take interactive work only.</param>
    public RenderGate(int limit, int interactiveReserve = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(interactiveReserve);
        Limit = limit;
        InteractiveReserve = interactiveReserve;
        var shared = Enumerable.Range(0, limit).Select(i => new Thread(() => Work(reserved: false)) { IsBackground = true, Name = $"k2-render-{i}" });
        var reserve = Enumerable.Range(0, interactiveReserve).Select(i => new Thread(() => Work(reserved: true)) { IsBackground = true, Name = $"k2-render-i{i}" });
        foreach (var worker in shared.Concat(reserve).ToList())
        {
            worker.Start();
        }
    }

    public int Limit { get; }

    public int InteractiveReserve { get; }

    /// <summary>Batch renders running now.</summary>
    public int Active => Volatile.Read(ref active);

    /// <summary>Interactive renders running now.</summary>
    public int InteractiveActive => Volatile.Read(ref interactiveActive);

    /// <summary>The highest number of batch renders that ever ran at once: measured, so tests can hold the limit to it.</summary>
    public int MaxObserved => Volatile.Read(ref maxObserved);

    /// <summary>Batch work waiting.</summary>
    public int Queued
    {
        get
        {
            lock (sync)
            {
                return batch.Count;
            }
        }
    }

    /// <summary>Interactive work waiting.</summary>
    public int InteractiveQueued
    {
        get
        {
            lock (sync)
            {
                return interactive.Count;
            }
        }
    }

    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellation, RenderLane lane = RenderLane.Batch)
    {
        var item = new WorkItem<T>(work, cancellation, lane);
        lock (sync)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            (lane == RenderLane.Interactive ? interactive : batch).Enqueue(item);

            // Every worker wakes and looks: a reserved one must not swallow the only wake-up a batch item gets.
            Monitor.PulseAll(sync);
        }

        return item.Completion.Task;
    }

    public void Dispose()
    {
        lock (sync)
        {
            disposed = true;
            Monitor.PulseAll(sync);
        }
    }

    private void Work(bool reserved)
    {
        while (Take(reserved) is { } item)
        {
            ref var running = ref item.Lane == RenderLane.Interactive ? ref interactiveActive : ref active;
            var now = Interlocked.Increment(ref running);
            if (item.Lane == RenderLane.Batch)
            {
                UpdateMax(now);
            }

            try
            {
                item.Run();
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }
    }

    /// <summary>The next item for this thread, interactive first; null once the gate is disposed and nothing waits.</summary>
    private WorkItem? Take(bool reserved)
    {
        lock (sync)
        {
            while (true)
            {
                if (interactive.TryDequeue(out var item) || (!reserved && batch.TryDequeue(out item)))
                {
                    return item;
                }

                if (disposed)
                {
                    return null;
                }

                Monitor.Wait(sync);
            }
        }
    }

    private void UpdateMax(int now)
    {
        var seen = Volatile.Read(ref maxObserved);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref maxObserved, now, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private abstract class WorkItem(RenderLane lane)
    {
        public RenderLane Lane { get; } = lane;

        public abstract void Run();
    }

    private sealed class WorkItem<T> : WorkItem
    {
        private readonly Func<CancellationToken, T> work;
        private readonly CancellationToken cancellation;
        private readonly CancellationTokenRegistration dropWhileQueued;

        public WorkItem(Func<CancellationToken, T> work, CancellationToken cancellation, RenderLane lane)
            : base(lane)
        {
            this.work = work;
            this.cancellation = cancellation;

            // Work cancelled while it waits for a thread is dropped at once: its caller hears so now, not when a
            // thread comes free (a stopped job's batches must not wait behind the renders still running), and it
            // never runs. Once running, the work itself watches the token and ends with what it did.
            dropWhileQueued = cancellation.Register(() => Completion.TrySetCanceled(cancellation));
        }

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run()
        {
            // Dispose waits for a callback already running, so after it the completion is either dropped or ours.
            dropWhileQueued.Dispose();
            if (Completion.Task.IsCompleted || cancellation.IsCancellationRequested)
            {
                Completion.TrySetCanceled(cancellation);
                return;
            }

            try
            {
                Completion.TrySetResult(work(cancellation));
            }
            catch (Exception e)
            {
                Completion.TrySetException(e);
            }
        }
    }
}
