using K2Orleans.Grains.Schedules;

namespace K2Orleans.Grains.Tests.Schedules;

public sealed class CronScheduleTests
{
    private static readonly DateTimeOffset SaturdayMorning = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShouldGiveTheNextTimeStrictlyAfterInTheGivenZone()
    {
        var nightly = CronSchedule.Parse("0 3 * * *");
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("test+2", TimeSpan.FromHours(2), "test+2", "test+2");

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero), nightly.NextAfter(SaturdayMorning, TimeZoneInfo.Utc));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), nightly.NextAfter(SaturdayMorning, plusTwo));
        var atThree = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal(atThree.AddDays(1), nightly.NextAfter(atThree, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("*/15 * * * *", "2026-11-28T10:15:00+00:00")]
    [InlineData("0 9 * * 1-5", "2026-11-30T09:00:00+00:00")]
    [InlineData("@daily", "2026-11-29T00:00:00+00:00")]
    public void ShouldReadCrontabSyntax(string expression, string next)
    {
        var schedule = CronSchedule.Parse(expression);

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), schedule.NextAfter(SaturdayMorning, TimeZoneInfo.Utc));
        Assert.Equal(expression, schedule.Text);
    }

    [Theory]
    [InlineData("0 3 * *", "is not a cron expression of 5 fields")]
    [InlineData("0 3 * * * *", "is not a cron expression of 5 fields")]
    [InlineData("0 25 * * *", "is not a cron expression")]
    [InlineData("every night", "is not a cron expression")]
    [InlineData("", "must be a cron expression of 5 fields")]
    public void ShouldRefuseWhatIsNotAFiveFieldExpressionSayingWhy(string expression, string reason)
    {
        Assert.False(CronSchedule.TryParse(expression, out var schedule, out var problem));
        Assert.Null(schedule);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => CronSchedule.Parse(expression)).Message, StringComparison.Ordinal);
    }
}
