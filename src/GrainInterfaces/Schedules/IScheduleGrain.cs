using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Schedules;

/// <summary>One trophy's rebuild schedule, key <c>schedule:&lt;slug&gt;</c>: an incremental build at the times of a cron expression.</summary>
[Alias("k2.IScheduleGrain")]
public interface IScheduleGrain : IGrainWithStringKey
{
    public const string KeyPrefix = "schedule:";

    public static string KeyOf(string slug) => KeyPrefix + slug;

    public static string SlugOf(string grainKey) => grainKey[KeyPrefix.Length..];

    /// <summary>
    /// Rebuilds the request's trophy (only what changed) at the times of <paramref name="cron"/>, a 5-field cron
    /// expression, from now on; replaces an earlier schedule. A bad expression is an <see cref="ArgumentException"/>.
    /// </summary>
    [Alias("Set")]
    Task<ScheduleSnapshot> SetAsync(JobRequest request, string cron);

    /// <summary>Stops the rebuilds; false when the trophy had no schedule.</summary>
    [Alias("Remove")]
    Task<bool> RemoveAsync();

    /// <summary>The schedule, or null when the trophy has none.</summary>
    [Alias("Get")]
    Task<ScheduleSnapshot?> GetAsync();

    /// <summary>Makes sure the schedule's reminder runs (a restart of the embedded mode forgets reminders).</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();
}
