using Orleans.Placement;

namespace K2Orleans.Grains.Placement;

/// <summary>Spreads a job's batches evenly over the active silos (see <see cref="SpreadPlacementDirector"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute() : PlacementAttribute(new SpreadPlacement());
