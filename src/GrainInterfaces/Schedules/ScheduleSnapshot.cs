namespace K2Orleans.GrainInterfaces.Schedules;

/// <summary>A trophy's rebuild schedule as it stands.</summary>
/// <param name="Cron">The 5-field cron expression, read in the silo host's local time zone as cron(8) does.</param>
/// <param name="OutputRoot">Where the rebuilds write, as the silo sees it.</param>
/// <param name="Since">When the schedule was set.</param>
/// <param name="NextRunAt">The next time a rebuild is due; null when the expression has no more times.</param>
/// <param name="LastRunAt">When the last scheduled rebuild started; null before the first.</param>
/// <param name="LastJobId">The job of the last scheduled rebuild.</param>
/// <param name="CheckedAt">When the schedule last looked whether a rebuild was due (each minute); null until it first has.</param>
[GenerateSerializer, Immutable, Alias("k2.ScheduleSnapshot")]
public sealed record ScheduleSnapshot(
    string Slug,
    string Cron,
    string OutputRoot,
    DateTimeOffset Since,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? LastRunAt,
    string? LastJobId,
    DateTimeOffset? CheckedAt);
