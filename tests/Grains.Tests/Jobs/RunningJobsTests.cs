using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;
using K2Orleans.TestSupport.Clusters;
using Microsoft.Extensions.DependencyInjection;

namespace K2Orleans.Grains.Tests.Jobs;

/// <summary>The per-silo count behind the gauge <c>k2.jobs.active</c>, on the real job grain.</summary>
public sealed class RunningJobsTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ShouldCountAJobOnOneSiloWhileItRunsOrIsPausedAndNoLongerOnceItEnds()
    {
        await using var engine = await EngineCluster.StartAsync(silos: 2, renderLimit: 1);
        // 648 images in batches of 2: the job is still running when it is counted (50 could all finish first).
        var request = SampleTrophy.Request("grand-prix", Path.Combine(engine.Folder, "out"), 120, 192, batchSize: 2);
        var started = await engine.Grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        await engine.WaitForJobAsync(started.Id, s => s.Done >= 2, JobTimeout);

        var running = ActiveJobsPerSilo(engine);
        await engine.Job(started.Id).PauseAsync();
        var paused = ActiveJobsPerSilo(engine);
        await engine.Job(started.Id).ResumeAsync();
        var finished = await engine.WaitForJobAsync(started.Id, s => s.IsFinished, JobTimeout);

        // The end stops the count in the same grain turn that finishes the ledger, before any status call is answered.
        var ended = ActiveJobsPerSilo(engine);
        Assert.Equal(JobState.Completed, finished.Status);
        Assert.Equal([0, 1], running.Order());
        Assert.Equal(running, paused);
        Assert.Equal([0, 0], ended);
    }

    private static int[] ActiveJobsPerSilo(InProcessCluster engine) =>
        [.. engine.Cluster.GetActiveSilos().Select(silo => engine.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<RunningJobs>().Count)];
}
