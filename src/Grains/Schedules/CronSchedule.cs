using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace K2Orleans.Grains.Schedules;

/// <summary>
/// A cron expression of five fields, as crontab(5) writes them (minute hour day-of-month month day-of-week, or a
/// macro such as <c>@daily</c>), read in a given time zone. Parsed once where it enters (spec, command line, grain).
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression expression;

    private CronSchedule(string text, CronExpression expression)
    {
        Text = text;
        this.expression = expression;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? problem)
    {
        schedule = null;
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = "must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\"";
            return false;
        }

        try
        {
            schedule = new CronSchedule(trimmed, CronExpression.Parse(trimmed, CronFormat.Standard));
            return true;
        }
        catch (CronFormatException e)
        {
            problem = $"'{trimmed}' is not a cron expression of 5 fields (minute hour day-of-month month day-of-week): {e.Message}";
            return false;
        }
    }

    /// <exception cref="ArgumentException">Not a cron expression; the message says why.</exception>
    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var problem) ? schedule : throw new ArgumentException(problem, nameof(text));

    /// <summary>The first time strictly after <paramref name="after"/>; null when the expression never comes round again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) => expression.GetNextOccurrence(after, zone);
}
