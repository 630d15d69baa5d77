namespace K2Orleans.Grains.Placement;

/// <summary>Places a grain keyed <c>silo:&lt;address&gt;</c> on that silo, so it can report that silo's own figures.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("k2.LocalSiloPlacement")]
public sealed class LocalSiloPlacement : PlacementStrategy;
