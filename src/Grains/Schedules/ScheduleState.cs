
namespace K2Orleans.Grains.Schedules;

/// <summary>A trophy's schedule as stored (state name <c>schedule</c>); no request means no schedule.</summary>
[GenerateSerializer, Alias("k2.ScheduleState")]
public sealed class ScheduleState
{
    /// <summary>What a rebuild builds; never forced, so only changed combinations render.</summary>
    [Id(0)]
    public JobRequest? Request { get; set; }

    [Id(1)]
    public string Cron { get; set; } = "";

    [Id(2)]
    public DateTimeOffset Since { get; set; }

    /// <summary>The next rebuild is due at the expression's first time after this: when set, then when last run.</summary>
    [Id(3)]
    public DateTimeOffset DueAfter { get; set; }

    [Id(4)]
    public DateTimeOffset? LastRunAt { get; set; }

    [Id(5)]
    public string? LastJobId { get; set; }
}
