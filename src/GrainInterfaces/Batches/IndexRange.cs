namespace K2Orleans.GrainInterfaces.Batches;

/// <summary>A run of combination indices [Start, Start + Count); a batch is one of these, never a list of keys.</summary>
[GenerateSerializer, Immutable, Alias("k2.IndexRange")]
public readonly record struct IndexRange(long Start, int Count)
{
    public long End => Start + Count;
}
