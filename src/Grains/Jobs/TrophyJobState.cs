
namespace K2Orleans.Grains.Jobs;

/// <summary>
/// A job as stored (state name <c>trophyJob</c>): written once per settled batch, never per image. Batch status
/// is one byte per batch so a 128,250-image job of ~500 batches stays a few kilobytes plus its recorded errors.
/// </summary>
[GenerateSerializer, Alias("k2.TrophyJobState")]
public sealed class TrophyJobState
{
    /// <summary>Distinct failure messages kept in state, each with its number of combinations; the status shows the first 20.</summary>
    public const int MaxStoredErrors = 2000;

    [Id(0)]
    public JobRequest? Request { get; set; }

    [Id(1)]
    public JobState Status { get; set; }

    [Id(2)]
    public DateTimeOffset? StartedAt { get; set; }

    [Id(3)]
    public DateTimeOffset? FinishedAt { get; set; }

    [Id(4)]
    public long Total { get; set; }

    [Id(5)]
    public int BatchSize { get; set; }

    [Id(6)]
    public byte[] Batches { get; set; } = [];

    [Id(7)]
    public byte[] Attempts { get; set; } = [];

    [Id(8)]
    public long Done { get; set; }

    [Id(9)]
    public long Skipped { get; set; }

    [Id(10)]
    public long Failed { get; set; }

    [Id(11)]
    public List<CombinationError> Errors { get; set; } = [];

    [Id(12)]
    public string? LastBatchError { get; set; }
}
