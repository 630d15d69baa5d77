using Orleans.Placement;

namespace K2Orleans.Grains.Placement;

/// <summary>Activates the grain on the silo its key names (see <see cref="LocalSiloPlacement"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LocalSiloPlacementAttribute() : PlacementAttribute(new LocalSiloPlacement());
