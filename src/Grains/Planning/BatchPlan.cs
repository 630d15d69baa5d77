using K2Orleans.GrainInterfaces.Batches;

namespace K2Orleans.Grains.Planning;

/// <summary>
/// A job cut into consecutive index ranges of equal size (the last may be shorter). Batches are the unit of work,
/// retry and persistence: a few hundred per job keeps state small while each batch takes seconds, not minutes.
/// </summary>
public sealed record BatchPlan(long Total, int BatchSize)
{
    public const int MinBatchSize = 32;
    public const int MaxBatchSize = 256;
    public const int TargetBatches = 500;

    public int BatchCount => (int)((Total + BatchSize - 1) / BatchSize);

    /// <summary>
    /// About <see cref="TargetBatches"/> batches of 32..256 combinations, or the size asked for. The size is a multiple
    /// of <paramref name="run"/> (the choices of the last slot, which varies fastest) where that fits, so every batch
    /// holds whole runs of one lower-slot prefix and composites and compresses each prefix once.
    /// </summary>
    public static BatchPlan For(long total, int run, int? requestedSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(run, 1);
        var size = requestedSize ?? Aligned((int)Math.Clamp((total + TargetBatches - 1) / TargetBatches, MinBatchSize, MaxBatchSize), run);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new BatchPlan(total, size);
    }

    public IndexRange RangeOf(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batch, BatchCount);
        var start = (long)batch * BatchSize;
        return new IndexRange(start, (int)Math.Min(BatchSize, Total - start));
    }

    private static int Aligned(int size, int run)
    {
        if (run > MaxBatchSize)
        {
            return size;
        }

        var runs = Math.Min((size + run - 1) / run, MaxBatchSize / run);
        return runs * run;
    }
}
