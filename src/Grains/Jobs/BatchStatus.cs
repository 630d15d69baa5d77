namespace K2Orleans.Grains.Jobs;

/// <summary>One byte per batch in <see cref="TrophyJobState.Batches"/>.</summary>
public enum BatchStatus : byte
{
    Pending = 0,
    InFlight = 1,
    Done = 2,
    GaveUp = 3,
}
