namespace K2Orleans.GrainInterfaces.Batches;

/// <summary>Where a batch activation stands; a fresh activation (e.g. after its silo died) is <see cref="Idle"/>.</summary>
[GenerateSerializer, Alias("k2.BatchPhase")]
public enum BatchPhase
{
    Idle = 0,
    Running = 1,
    Finished = 2,
}
