using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Status;

/// <summary>Reads this silo's render gate; placed on the silo its key names.</summary>
[LocalSiloPlacement]
public sealed class SiloStatsGrain(RenderGate gate, RenderMetrics metrics, ILocalSiloDetails siloDetails) : Grain, ISiloStatsGrain
{
    public Task<SiloRenderStats> GetStatsAsync() => Task.FromResult(new SiloRenderStats(
        siloDetails.SiloAddress.ToString(), gate.Active, gate.Limit, gate.MaxObserved, metrics.BatchesFinished, gate.Queued));
}
