namespace K2Orleans.Grains.Schedules;

/// <summary>The scheduled trophies as stored (state name <c>scheduleIndex</c>).</summary>
[GenerateSerializer, Alias("k2.ScheduleIndexState")]
public sealed class ScheduleIndexState
{
    [Id(0)]
    public HashSet<string> Slugs { get; set; } = new(StringComparer.Ordinal);
}
