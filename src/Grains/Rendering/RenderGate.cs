using System.Threading.Channels;

namespace K2Orleans.Grains.Rendering;

/// <summary>
/// The silo's render limit: a fixed set of dedicated threads takes work from one queue, so no number of batch
/// activations can run more renders at once than <see cref="Limit"/>, and CPU work never runs on Orleans' scheduler.
/// Awaiting <see cref="RunAsync{T}"/> from a grain resumes on the grain's scheduler as usual.
/// </summary>
public sealed class RenderGate : IDisposable
{
    private readonly Channel<WorkItem> queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Thread[] workers;
    private int active;
    private int maxObserved;
    private int queued;

    public RenderGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        workers = [.. Enumerable.Range(0, limit).Select(i => new Thread(Work) { IsBackground = true, Name = $"k2-render-{i}" })];
        foreach (var worker in workers)
        {
            worker.Start();
        }
    }

    public int Limit { get; }

    public int Active => Volatile.Read(ref active);

    /// <summary>The highest number of renders that ever ran at once: measured, so tests can hold the limit to it.</summary>
    public int MaxObserved => Volatile.Read(ref maxObserved);

    public int Queued => Volatile.Read(ref queued);

    public Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellation)
    {
        var item = new WorkItem<T>(work, cancellation);
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(nameof(RenderGate));
        }

        return item.Completion.Task;
    }

    public void Dispose() => queue.Writer.TryComplete();

    private void Work()
    {
        var reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                Interlocked.Decrement(ref queued);
                var now = Interlocked.Increment(ref active);
                UpdateMax(now);
                try
                {
                    item.Run();
                }
                finally
                {
                    Interlocked.Decrement(ref active);
                }
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

    private abstract class WorkItem
    {
        public abstract void Run();
    }

    private sealed class WorkItem<T> : WorkItem
    {
        private readonly Func<CancellationToken, T> work;
        private readonly CancellationToken cancellation;
        private readonly CancellationTokenRegistration dropWhileQueued;

        public WorkItem(Func<CancellationToken, T> work, CancellationToken cancellation)
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
