using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains.OnRequest;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Rendering.Gate;

namespace K2Orleans.Grains.Status;

/// <summary>Reads this silo's render gate; placed on the silo its key names.</summary>
[LocalSiloPlacement]
public sealed class SiloStatsGrain(RenderGate gate, RenderMetrics metrics, OnRequestCounters onRequest, ILocalSiloDetails siloDetails) : Grain, ISiloStatsGrain
{
    public Task<SiloRenderStats> GetStatsAsync()
    {
        // Asked while the named silo was still joining, placement had to put this activation elsewhere: it would
        // report the wrong silo's figures. It goes, and the next call finds the named silo.
        if (this.GetPrimaryKeyString() != LocalSiloPlacementDirector.KeyOf(siloDetails.SiloAddress))
        {
            DeactivateOnIdle();
            throw new InvalidOperationException($"{this.GetPrimaryKeyString()} was asked before that silo took grains; ask again");
        }

        return Task.FromResult(new SiloRenderStats(
            siloDetails.SiloAddress.ToString(), gate.Active, gate.Limit, gate.MaxObserved, metrics.BatchesFinished, gate.Queued, onRequest.Snapshot()));
    }
}
