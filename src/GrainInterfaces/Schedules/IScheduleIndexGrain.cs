using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Schedules;

/// <summary>The cluster's list of scheduled trophies (key <c>index:schedules</c>), for listing and for waking them at start-up.</summary>
[Alias("k2.IScheduleIndexGrain")]
public interface IScheduleIndexGrain : IGrainWithStringKey
{
    public const string Key = "index:schedules";

    /// <summary>Records that the trophy has a schedule.</summary>
    [Alias("Add")]
    Task AddAsync(string slug);

    /// <summary>Forgets the trophy's schedule.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string slug);

    /// <summary>Slugs of the scheduled trophies, in order.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
