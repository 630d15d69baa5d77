namespace K2Orleans.Grains.Placement;

/// <summary>Places batch <c>i</c> of a job on silo <c>(i + hash(job)) mod n</c> of the sorted active silos.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("k2.SpreadPlacement")]
public sealed class SpreadPlacement : PlacementStrategy;
