using System.Text.Json.Nodes;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Schedules;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace K2Orleans.Grains.Tests.Schedules;

/// <summary>
/// Scheduled rebuilds on an in-process cluster whose reminders run on a fake clock: the test moves time to the cron
/// expression's times and the real reminder service, schedule grain, job index and renderer do the rest.
/// </summary>
public sealed class ScheduleEngineTests
{
    private const string Nightly = "0 3 * * *";
    private static readonly DateTimeOffset BeforeThree = new(2026, 11, 28, 2, 58, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AtThree = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ShouldRebuildAtTheCronTimeRenderingOnlyCombinationsWhoseLayerChanged()
    {
        var clock = new FakeTimeProvider(BeforeThree);
        await using var engine = await EngineCluster.StartAsync(silos: 1, renderLimit: 2, clock);
        var spec = CopiedClassicCup(engine.Folder);
        var schedule = engine.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf("classic-cup"));
        var jobs = engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key);
        using var reminder = new ReminderWaits(schedule.GetGrainId(), "rebuild");

        // Forced on purpose: a scheduled rebuild is never forced, or it would render everything every night.
        var set = await schedule.SetAsync(new JobRequest(spec, Path.Combine(engine.Folder, "out"), Force: true, BatchSize: 8), Nightly);
        Assert.Equal(AtThree, set.NextRunAt);

        // Each move of the clock waits for the reminder's next wait to be armed first (see ReminderWaits).
        var armed = await reminder.ArmedAfterAsync(0, "the first tick", Timeout);
        clock.Advance(TimeSpan.FromMinutes(1));
        var early = await WaitForAsync(schedule, s => s.CheckedAt == BeforeThree.AddMinutes(1), "the 02:59 tick");
        Assert.Null(early.LastRunAt);
        Assert.Empty(await jobs.ListRecentAsync());

        armed = await reminder.ArmedAfterAsync(armed, "the tick after 02:59", Timeout);
        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await WaitForAsync(schedule, s => s.LastJobId is not null, "the 03:00 rebuild");
        var firstJob = await engine.WaitForJobAsync(first.LastJobId!, j => j.IsFinished, Timeout);
        Assert.Equal(AtThree, first.LastRunAt);
        Assert.Equal(AtThree.AddDays(1), first.NextRunAt);
        Assert.Equal((JobState.Completed, 50L, 0L, 0L), (firstJob.Status, firstJob.Done, firstJob.Skipped, firstJob.Failed));

        // One topper's layer changes: the 2 bases x 5 columns that use it are out of date, nothing else.
        var star = Path.Combine(spec.AssetRoot, "topper", "star.png");
        File.Copy(Path.Combine(spec.AssetRoot, "topper", "cup.png"), star, overwrite: true);
        File.SetLastWriteTimeUtc(star, DateTime.UtcNow.AddMinutes(1));
        await reminder.ArmedAfterAsync(armed, "the tick after 03:00", Timeout);
        clock.Advance(TimeSpan.FromDays(1));
        var second = await WaitForAsync(schedule, s => s.LastJobId != first.LastJobId, "the next night's rebuild");
        var secondJob = await engine.WaitForJobAsync(second.LastJobId!, j => j.IsFinished, Timeout);

        Assert.Equal(AtThree.AddDays(1), second.LastRunAt);
        Assert.Equal((JobState.Completed, 10L, 40L, 0L), (secondJob.Status, secondJob.Done, secondJob.Skipped, secondJob.Failed));
        Assert.Equal([first.LastJobId!, second.LastJobId!], (await jobs.ListRecentAsync()).ToArray());
    }

    [Fact]
    public async Task ShouldListRemoveAndRefuseBadExpressions()
    {
        var clock = new FakeTimeProvider(BeforeThree);
        await using var engine = await EngineCluster.StartAsync(silos: 1, renderLimit: 1, clock);
        var spec = CopiedClassicCup(engine.Folder);
        var schedule = engine.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf("classic-cup"));
        var index = engine.Grains.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.Key);
        var request = new JobRequest(spec, Path.Combine(engine.Folder, "out"), Force: false);

        var refused = await Assert.ThrowsAnyAsync<ArgumentException>(() => schedule.SetAsync(request, "0 3 * *"));
        Assert.Contains("'0 3 * *' is not a cron expression of 5 fields", refused.Message, StringComparison.Ordinal);
        Assert.Null(await schedule.GetAsync());
        var elsewhere = engine.Grains.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf("grand-prix"));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => elsewhere.SetAsync(request, Nightly));

        await schedule.SetAsync(request, "*/10 * * * *");
        Assert.Equal(["classic-cup"], (await index.ListAsync()).ToArray());
        Assert.Equal("*/10 * * * *", (await schedule.GetAsync())!.Cron);

        Assert.True(await schedule.RemoveAsync());
        Assert.False(await schedule.RemoveAsync());
        Assert.Null(await schedule.GetAsync());
        Assert.Empty(await index.ListAsync());
    }

    /// <summary>The classic-cup sample with its layers copied into <paramref name="folder"/>, so the test may change one.</summary>
    private static TrophySpec CopiedClassicCup(string folder)
    {
        var assets = Path.Combine(folder, "assets");
        var source = Path.Combine(SampleSpec.Folder("classic-cup"), "assets");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(assets, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var json = JsonNode.Parse(SampleSpec.Json("classic-cup", 60, 96))!;
        json["assetRoot"] = assets;
        var result = new SpecParser().Parse(json.ToJsonString(), folder);
        return result.Spec ?? throw new InvalidOperationException(string.Join("; ", result.Problems));
    }

    /// <summary>Polls the schedule; a timeout names the last snapshot seen (a missed tick shows as an old CheckedAt).</summary>
    private static async Task<ScheduleSnapshot> WaitForAsync(IScheduleGrain schedule, Func<ScheduleSnapshot, bool> condition, string what) =>
        (await WaitFor.ValueAsync(what, schedule.GetAsync, s => s is not null && condition(s), Timeout))!;
}
