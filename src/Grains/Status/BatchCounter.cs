namespace K2Orleans.Grains.Status;

/// <summary>Batches this silo has finished rendering; a per-silo singleton.</summary>
public sealed class BatchCounter
{
    private long finished;

    public long Finished => Interlocked.Read(ref finished);

    public void Increment() => Interlocked.Increment(ref finished);
}
