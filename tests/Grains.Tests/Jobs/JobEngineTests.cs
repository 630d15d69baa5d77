using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.TestSupport;

namespace K2Orleans.Grains.Tests.Jobs;

public sealed class JobEngineTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ShouldSpreadSampleOverThreeSilosWithinRenderLimitKeepingCountsConsistent()
    {
        await using var engine = await EngineCluster.StartAsync(silos: 3, renderLimit: 2);
        var output = Path.Combine(engine.Folder, "out");
        var request = SampleTrophy.Request("grand-prix", output, 80, 128, batchSize: 16);

        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        var again = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        var polls = 0;
        var finished = await engine.WaitForJobAsync(started.Id, s => s.IsFinished, JobTimeout, s =>
        {
            polls++;
            Assert.Equal(s.Total, s.Done + s.Skipped + s.Failed + s.Remaining);
            Assert.True(s.Remaining >= 0);
            Assert.True(s.IsFinished || s.EtaSeconds is null or > 0);
        });

        Assert.Equal(started.Id, again.Id);
        Assert.StartsWith("grand-prix-", started.Id, StringComparison.Ordinal);
        Assert.Null(started.EtaSeconds);
        Assert.True(started.Batches.Total >= 30, $"only {started.Batches.Total} batches");
        Assert.Equal(JobState.Completed, finished.Status);
        Assert.Equal((648L, 0L, 0L), (finished.Done, finished.Skipped, finished.Failed));
        Assert.Equal(0, finished.EtaSeconds);
        Assert.True(polls > 1);
        var images = Directory.GetFiles(Path.Combine(output, "grand-prix"), "*.png");
        Assert.Equal(648, images.Length);
        Assert.All(images, image => Assert.Equal((80, 128), Decoded(image)));

        var stats = await engine.StatsAsync();
        Assert.Equal(3, stats.Length);
        Assert.All(stats, s => Assert.True(s.BatchesRendered >= 1, $"silo {s.Silo} rendered no batch"));
        Assert.Equal(started.Batches.Total, stats.Sum(s => s.BatchesRendered));
        Assert.All(stats, s => Assert.InRange(s.MaxObserved, 1, 2));
        Assert.Equal(2, stats.Max(s => s.MaxObserved));
    }

    [Fact]
    public async Task ShouldCancelWithinFiveSecondsAndStopRendering()
    {
        await using var engine = await EngineCluster.StartAsync(silos: 2, renderLimit: 1);
        var output = Path.Combine(engine.Folder, "out");
        var request = SampleTrophy.Request("grand-prix", output, 200, 320, batchSize: 8);
        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        await engine.WaitForJobAsync(started.Id, s => s.Done >= 16, JobTimeout);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cancelled = await engine.Job(started.Id).CancelAsync();
        var stopped = await engine.WaitForJobAsync(started.Id, s => s.Status == JobState.Cancelled, TimeSpan.FromSeconds(5));
        await WaitFor.ConditionAsync("renders to stop", async () => (await engine.StatsAsync()).All(s => s.Active == 0), TimeSpan.FromSeconds(5));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"cancel took {clock.Elapsed}");

        var filesAfterStop = Directory.GetFiles(Path.Combine(output, "grand-prix")).Length;
        await Task.Delay(TimeSpan.FromSeconds(2));   // a quiet period to prove nothing else is written, not a synchronisation
        Assert.Equal(JobState.Cancelled, cancelled!.Status);
        Assert.Equal(0, stopped.EtaSeconds);
        Assert.True(stopped.Remaining > 0);
        Assert.Equal(filesAfterStop, Directory.GetFiles(Path.Combine(output, "grand-prix")).Length);
        Assert.Empty(Directory.GetFiles(output, "*" + AtomicFileWriter.TempMarker, SearchOption.AllDirectories));
        Assert.All(Directory.GetFiles(Path.Combine(output, "grand-prix")), image => Assert.Equal((200, 320), Decoded(image)));
    }

    [Fact]
    public async Task ShouldEndACancelledJobOnceWithCountsEqualToTheFilesWrittenThatNoLateReportChanges()
    {
        const short silos = 2;
        const int renderLimit = 2;
        var logs = new CollectingLoggerProvider();
        await using var engine = await EngineCluster.StartAsync(silos, renderLimit, logs: logs);
        var output = Path.Combine(engine.Folder, "out");
        var request = SampleTrophy.Request("grand-prix", output, 200, 320, batchSize: 8);
        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        await engine.WaitForJobAsync(started.Id, s => s.Done >= 24, JobTimeout);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = await engine.Job(started.Id).CancelAsync();
        var answeredIn = clock.Elapsed;
        var filesAtReply = Images(output);
        await WaitFor.ConditionAsync("every render to stop", async () => (await engine.StatsAsync()).All(s => s.Active == 0 && s.Queued == 0), TimeSpan.FromSeconds(30));
        var filesWritten = Images(output);
        var settled = await engine.Job(started.Id).GetStatusAsync();

        // The stopped batches' own reports reach the job after the cancel's reply: none may change what it says.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        await WaitFor.ConditionAsync("three seconds in which the counts stay as they are", async () =>
        {
            var now = await engine.Job(started.Id).GetStatusAsync();
            Assert.Equal((JobState.Cancelled, settled!.Done, settled.Skipped, settled.Failed, settled.FinishedAt), (now!.Status, now.Done, now.Skipped, now.Failed, now.FinishedAt));
            return quiet.Elapsed >= TimeSpan.FromSeconds(3);
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(JobState.Cancelled, reply!.Status);
        Assert.True(answeredIn < JobBatches.StopGrace + TimeSpan.FromSeconds(5), $"the cancel took {answeredIn}");
        Assert.InRange(filesWritten - filesAtReply, 0, silos * renderLimit);
        Assert.Equal((filesWritten, 0L, 0L), (settled!.Done, settled.Skipped, settled.Failed));
        Assert.Equal((reply.Done, reply.Skipped, reply.Failed), (settled.Done, settled.Skipped, settled.Failed));
        Assert.Equal(0, settled.Batches.InFlight);
        Assert.True(settled.Remaining > 0);
        var ends = logs.Messages(typeof(TrophyJobGrain).FullName!).Where(m => m.StartsWith($"Job {started.Id} ", StringComparison.Ordinal) && !m.Contains(" started for ", StringComparison.Ordinal));
        Assert.Equal([$"Job {started.Id} Cancelled: rendered {filesWritten}, skipped 0, failed 0 of 648"], ends);
        Assert.Empty(Directory.GetFiles(output, "*" + AtomicFileWriter.TempMarker, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ShouldPauseAfterInFlightBatchesAndResumeWithoutRenderingABatchTwice()
    {
        await using var engine = await EngineCluster.StartAsync(silos: 2, renderLimit: 1);
        var output = Path.Combine(engine.Folder, "out");
        // 648 images in batches of 2: far more than render between the sixth and the pause (50 could all finish first).
        var request = SampleTrophy.Request("grand-prix", output, 120, 192, batchSize: 2);
        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        await engine.WaitForJobAsync(started.Id, s => s.Done >= 6, JobTimeout);

        await engine.Job(started.Id).PauseAsync();
        var drained = await engine.WaitForJobAsync(started.Id, s => s.Batches.InFlight == 0, TimeSpan.FromSeconds(30));
        var filesWhilePaused = Directory.GetFiles(Path.Combine(output, "grand-prix")).Length;
        await Task.Delay(TimeSpan.FromSeconds(1));   // a quiet period to prove dispatch stopped, not a synchronisation
        var stillPaused = await engine.Job(started.Id).GetStatusAsync();
        await engine.Job(started.Id).ResumeAsync();
        var finished = await engine.WaitForJobAsync(started.Id, s => s.IsFinished, JobTimeout);

        Assert.Equal(JobState.Paused, drained.Status);
        Assert.Null(drained.EtaSeconds);
        Assert.True(drained.Remaining > 0);
        Assert.Equal(drained.Done, stillPaused!.Done);
        Assert.Equal(filesWhilePaused, drained.Done);
        Assert.Equal(JobState.Completed, finished.Status);
        Assert.Equal((648L, 0L), (finished.Done, finished.Skipped));
        Assert.Equal(finished.Batches.Total, (await engine.StatsAsync()).Sum(s => s.BatchesRendered));
    }

    [Fact]
    public async Task ShouldFinishJobWhenASiloIsKilledMidJob()
    {
        await using var engine = await EngineCluster.StartAsync(silos: 3, renderLimit: 1);
        var output = Path.Combine(engine.Folder, "out");
        var request = SampleTrophy.Request("grand-prix", output, 120, 192, batchSize: 8);
        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        await engine.WaitForJobAsync(started.Id, s => s.Done >= 100, JobTimeout);

        var victim = engine.Cluster.Silos[2];
        await engine.Cluster.KillSiloAsync(victim);
        var finished = await engine.WaitForJobAsync(started.Id, s => s.IsFinished, JobTimeout);

        Assert.Equal(JobState.Completed, finished.Status);
        Assert.Equal(0, finished.Failed);
        Assert.Equal(648, finished.Done + finished.Skipped);
        var images = Directory.GetFiles(Path.Combine(output, "grand-prix"), "*.png");
        Assert.Equal(648, images.Length);
        Assert.All(images, image => Assert.Equal((120, 192), Decoded(image)));
        Assert.Empty(Directory.GetFiles(output, "*" + AtomicFileWriter.TempMarker, SearchOption.AllDirectories));
    }

    private static long Images(string output) =>
        Directory.Exists(Path.Combine(output, "grand-prix")) ? Directory.GetFiles(Path.Combine(output, "grand-prix"), "*.png").Length : 0;

    private static (int Width, int Height) Decoded(string path)
    {
        var (rgba, width, height) = MagickCodec.DecodeToRgba(File.ReadAllBytes(path));
        Assert.Equal(width * height * 4, rgba.Length);
        return (width, height);
    }
}
