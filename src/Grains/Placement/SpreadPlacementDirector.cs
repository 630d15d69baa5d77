using System.IO.Hashing;
using System.Text;
using Orleans.Runtime.Placement;

namespace K2Orleans.Grains.Placement;

/// <summary>
/// Deterministic spreading: every silo computes the same choice from the key alone, so batches land evenly however
/// many silos place them (a per-silo round-robin counter would not). Keys end in <c>/&lt;batch index&gt;</c>.
/// </summary>
public sealed class SpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }

        Array.Sort(silos);
        return Task.FromResult(silos[Slot(target.GrainIdentity.Key.ToString(), silos.Length)]);
    }

    /// <summary>The index into the sorted silos for a key such as <c>batch:cup-1/17</c>.</summary>
    public static int Slot(string key, int siloCount)
    {
        var slash = key.LastIndexOf('/');
        var owner = slash < 0 ? key : key[..slash];
        var index = slash >= 0 && long.TryParse(key.AsSpan(slash + 1), out var parsed) ? parsed : 0;
        var offset = XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(owner));
        return (int)((index + offset) % siloCount);
    }
}
