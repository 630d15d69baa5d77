using K2Orleans.GrainInterfaces.Status;
using Orleans.Runtime.Placement;

namespace K2Orleans.Grains.Placement;

/// <summary>Finds the silo named in a <c>silo:&lt;address&gt;</c> key; a key naming no active silo goes to the local one.</summary>
public sealed class LocalSiloPlacementDirector : IPlacementDirector
{
    public static string KeyOf(SiloAddress silo) => ISiloStatsGrain.KeyOf(silo.ToParsableString());

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString()!;
        var wanted = key.StartsWith(ISiloStatsGrain.KeyPrefix, StringComparison.Ordinal) ? key[ISiloStatsGrain.KeyPrefix.Length..] : "";
        var match = context.GetCompatibleSilos(target).FirstOrDefault(s => s.ToParsableString() == wanted);
        return Task.FromResult(match ?? context.LocalSilo);
    }
}
