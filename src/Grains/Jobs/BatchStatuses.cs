namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The status of each batch of a job, read and written through the stored one-byte-per-batch array
/// (<see cref="TrophyJobState.Batches"/>), which keeps its shape so stored jobs stay readable.
/// </summary>
public sealed class BatchStatuses(byte[] stored)
{
    public int Count => stored.Length;

    public BatchStatus this[int index]
    {
        get => (BatchStatus)stored[index];
        set => stored[index] = (byte)value;
    }

    /// <summary>True for a batch of this job; reports can name any index.</summary>
    public bool Contains(int index) => index >= 0 && index < stored.Length;

    /// <summary>Done or given up: a settled batch is never counted or sent again.</summary>
    public bool IsSettled(int index) => this[index] is BatchStatus.Done or BatchStatus.GaveUp;

    public int SettledCount => Enumerable.Range(0, stored.Length).Count(IsSettled);

    public bool AllSettled => Enumerable.Range(0, stored.Length).All(IsSettled);

    public bool Any(BatchStatus status) => stored.Contains((byte)status);

    public IEnumerable<int> IndexesOf(BatchStatus status) => Enumerable.Range(0, stored.Length).Where(i => this[i] == status);
}
