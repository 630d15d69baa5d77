using K2Orleans.GrainInterfaces.Trophies;
using K2Orleans.Grains.Requests;

namespace K2Orleans.Grains.Trophies;

/// <summary>
/// Keeps the request of a trophy's latest job, so every silo's image endpoint renders a missing combination from the
/// spec the build uses. State is written before the call returns: a job start that succeeded is never forgotten.
/// </summary>
public sealed class TrophyRegistryGrain(
    [PersistentState("trophyRegistry", K2Storage.Name)] IPersistentState<TrophyRegistryState> state, JobRequestGate gate) : Grain, ITrophyRegistryGrain
{
    public async Task SetLatestAsync(JobRequest request)
    {
        // Any gateway client can call this grain: the request passes the same gate as a job's, and must be for this trophy.
        gate.Enforce(request, nameof(TrophyRegistryGrain));
        var slug = ITrophyRegistryGrain.SlugOf(this.GetPrimaryKeyString());
        if (request.Spec.Slug != slug)
        {
            throw new RequestRefusedException([$"the request is for trophy '{JobRequestGate.Printable(request.Spec.Slug)}', not '{slug}'"]);
        }

        state.State.Latest = request;
        await state.WriteStateAsync();
    }

    public Task<JobRequest?> GetLatestAsync() => Task.FromResult(state.State.Latest);
}
