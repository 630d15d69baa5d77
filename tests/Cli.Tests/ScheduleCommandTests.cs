using System.Text.Json.Nodes;
using K2Orleans.Cli.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary><c>k2 schedule</c> as a user runs it, against a real daemon where it needs one.</summary>
public sealed class ScheduleCommandTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);
    private readonly string folder = Directory.CreateTempSubdirectory("k2-schedule-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldSetListKeepAcrossARestartAndRemoveASchedule()
    {
        using var daemon = new Daemon(folder);
        await daemon.StartAsync();
        var spec = SampleSpec.Write("classic-cup", folder, 60, 96);
        var output = Path.Combine(folder, "out");

        var set = await K2Async(daemon, "schedule", spec, "--cron", "0 3 * * *", "--out", output);
        var listed = await K2Async(daemon, "schedule", "--list");
        await daemon.TerminateAsync(CommandTimeout);
        await daemon.StartAsync();
        var listedAfterRestart = await K2Async(daemon, "schedule", "--list");
        var removed = await K2Async(daemon, "schedule", "--remove", "classic-cup");
        var removedAgain = await K2Async(daemon, "schedule", "--remove", "classic-cup");
        var listedAfterRemove = await K2Async(daemon, "schedule", "--list");

        Assert.True(set.ExitCode == 0, set.StandardError);
        Assert.StartsWith($"classic-cup: rebuilds at '0 3 * * *' into {output}; next ", set.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(" 03:00 ", set.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^classic-cup +0 3 \* \* \* +\d{4}-\d\d-\d\d 03:00 ", listed.StandardOutput);
        Assert.Equal(listed.StandardOutput, listedAfterRestart.StandardOutput);
        Assert.Equal((0, "classic-cup: schedule removed"), (removed.ExitCode, removed.StandardOutput.Trim()));
        Assert.Equal((2, "no schedule for 'classic-cup'"), (removedAgain.ExitCode, removedAgain.StandardError.Trim()));
        Assert.Equal("no schedules", listedAfterRemove.StandardOutput.Trim());
    }

    [Fact]
    public async Task ShouldTakeTheExpressionFromTheSpecsScheduleField()
    {
        using var daemon = new Daemon(folder);
        await daemon.StartAsync();
        var spec = WithSchedule("30 2 * * 1-5");

        var set = await K2Async(daemon, "schedule", spec, "--out", Path.Combine(folder, "out"));

        Assert.True(set.ExitCode == 0, set.StandardError);
        Assert.StartsWith("classic-cup: rebuilds at '30 2 * * 1-5' into ", set.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRefuseABadExpressionInTheSpecNamingItsPath()
    {
        var spec = WithSchedule("30 2 * *");

        var refused = await K2Run.RunAsync("schedule", spec);
        var rendered = await K2Run.RunAsync("validate", spec);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("$.schedule: '30 2 * *' is not a cron expression of 5 fields", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, rendered.ExitCode);
        Assert.Contains("$.schedule", rendered.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cron", "0 3 * *", "--cron: '0 3 * *' is not a cron expression of 5 fields")]
    [InlineData("--cron", "61 3 * * *", "--cron: '61 3 * * *' is not a cron expression")]
    public async Task ShouldRefuseABadCronOptionBeforeConnecting(string option, string value, string message)
    {
        var spec = SampleSpec.Write("classic-cup", folder, 60, 96);

        var refused = await K2Run.RunAsync("schedule", spec, option, value);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains(message, refused.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule")]
    [InlineData("schedule", "--list", "--remove", "classic-cup")]
    [InlineData("schedule", "--list", "--cron", "0 3 * * *")]
    public async Task ShouldRefuseAmbiguousArgumentsWithExitTwo(params string[] args)
    {
        var refused = await K2Run.RunAsync(args);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("give one of: SPEC.json [--cron EXPR] [--out DIR], --remove SLUG, --list", refused.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayWhySpecWithoutScheduleCannotBeScheduled()
    {
        var spec = SampleSpec.Write("classic-cup", folder, 60, 96);

        var refused = await K2Run.RunAsync("schedule", spec);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("no schedule: give --cron \"EXPR\" or a \"schedule\" field in the spec", refused.StandardError, StringComparison.Ordinal);
    }

    private string WithSchedule(string cron)
    {
        var json = JsonNode.Parse(SampleSpec.Json("classic-cup", 60, 96))!;
        json["schedule"] = cron;
        var path = Path.Combine(folder, "scheduled.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static Task<K2Run> K2Async(Daemon daemon, params string[] args) => K2Run.RunAsync(daemon.Environment, CommandTimeout, args);
}
