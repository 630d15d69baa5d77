namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// Bounds the interactive renders a silo has accepted and not finished: past the bound a request is turned away at once
/// (503) instead of waiting behind work it would time out on anyway.
/// </summary>
public sealed class PendingRenders(int max)
{
    private int pending;

    public int Max { get; } = max;

    public int Count => Volatile.Read(ref pending);

    /// <summary>Takes a place; false (and nothing taken) when all are taken.</summary>
    public bool TryEnter()
    {
        if (Interlocked.Increment(ref pending) <= Max)
        {
            return true;
        }

        Interlocked.Decrement(ref pending);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref pending);
}
