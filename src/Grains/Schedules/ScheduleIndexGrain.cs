using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.Schedules;

namespace K2Orleans.Grains.Schedules;

/// <summary>Which trophies have a schedule. It never calls a schedule grain, so the two cannot wait on each other.</summary>
public sealed class ScheduleIndexGrain(
    [PersistentState("scheduleIndex", K2Storage.Name)] IPersistentState<ScheduleIndexState> state) : Grain, IScheduleIndexGrain
{
    public async Task AddAsync(string slug)
    {
        if (state.State.Slugs.Add(slug))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string slug)
    {
        if (state.State.Slugs.Remove(slug))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(state.State.Slugs.Order(StringComparer.Ordinal).ToImmutableArray());
}
