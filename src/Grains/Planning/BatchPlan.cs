using K2Orleans.GrainInterfaces.Batches;

namespace K2Orleans.Grains.Planning;

/// <summary>
/// A job cut into consecutive index ranges of equal size (the last may be shorter). Batches are the unit of work,
/// retry and persistence: a few hundred per job keeps state small while each batch takes seconds, not minutes.
/// </summary>
public sealed record BatchPlan(long Total, int BatchSize)
{
    public const int MinBatchSize = 8;
    public const int MaxBatchSize = 256;
    public const int TargetBatches = 500;

    public int BatchCount => (int)((Total + BatchSize - 1) / BatchSize);

    /// <summary>About <see cref="TargetBatches"/> batches of 8..256 combinations, or the size asked for.</summary>
    public static BatchPlan For(long total, int? requestedSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        var size = requestedSize ?? (int)Math.Clamp((total + TargetBatches - 1) / TargetBatches, MinBatchSize, MaxBatchSize);
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
}
