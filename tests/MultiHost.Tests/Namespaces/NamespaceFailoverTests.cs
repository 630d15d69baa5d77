using System.Diagnostics;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;
using Xunit.Abstractions;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// Three silo hosts and a database host as network namespaces on a bridge of the test's own (10.213.x.0/24), sharing one
/// output folder as NFS would: a job spreads over all three; a silo host's cable pulled mid-job has its batches sent
/// again and, plugged back in, learns it was declared dead and rejoins; the database's cable pulled for 20 s leaves
/// the job to complete and the status saying what it knows. Each silo has one render slot; the grand-prix sample with
/// its first slot offered <see cref="Copies"/> times, at 200x320, makes a job no host finishes before the fault.
/// </summary>
[TestCaseOrderer(ByNameOrderer.TypeName, ByNameOrderer.AssemblyName)]
public sealed class NamespaceFailoverTests(NamespaceClusterFixture hosts, ITestOutputHelper output) : IClassFixture<NamespaceClusterFixture>
{
    private const int Copies = 4;
    private const int Total = 648 * Copies;
    private const int Width = 200;
    private const int Height = 320;
    private const int Silos = 3;
    private const int RenderLimit = 1;

    [Fact]
    public async Task ShouldCompleteAJobSpreadOverThreeHostsUndisturbed()
    {
        await using var cluster = await StartClusterAsync();
        await using var logs = new SavedLogs(cluster, TestName());
        var jobId = await cluster.SubmitAsync(Spec(cluster));
        var job = await cluster.WaitForEndAsync(jobId);
        var batchesPerSilo = await cluster.BatchesPerSiloAsync();
        var status = cluster.Silos[0].Ask("STATUS")!.RootElement;

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(Images(cluster), Total, Width, Height);
        Assert.All(cluster.Silos, silo => Assert.True(batchesPerSilo.GetValueOrDefault(silo.SiloPort) > 0, $"the silo on {silo.Host!.Address} rendered no batch"));
        var advertised = status.GetProperty("silos").EnumerateArray().Select(s => s.GetProperty("address").GetString()).Order();
        Assert.Equal(cluster.Silos.Select(s => $"{s.Host!.Address}:{s.SiloPort}").Order(), advertised);
        hosts.Figures.UndisturbedSeconds = job.GetProperty("elapsed_s").GetDouble();
        Figure($"undisturbed job of {Total} images: {hosts.Figures.UndisturbedSeconds:0.0} s; batches per host {string.Join(", ", batchesPerSilo.Values)}");
    }

    [Fact]
    public async Task ShouldKeepTheStatusTruthfulAndCompleteTheJobWhileTheDatabaseLinkIsCutFor20Seconds()
    {
        await using var cluster = await StartClusterAsync();
        await using var logs = new SavedLogs(cluster, TestName());
        var jobId = await cluster.SubmitAsync(Spec(cluster));
        await cluster.WaitForProcessedAsync(jobId, Total / 10);

        var outage = new DatabaseOutage(cluster, jobId);
        hosts.Network.Cut(NamespaceClusterFixture.DatabaseHost);
        try
        {
            var imagesAtCut = Directory.GetFiles(Images(cluster), "*.png").Length;
            Assert.True(imagesAtCut < Total, "the job had finished before the database's link was cut");
            await outage.WatchAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            hosts.Network.Restore(NamespaceClusterFixture.DatabaseHost);
        }

        var restored = Stopwatch.StartNew();
        var job = await cluster.WaitForEndAsync(jobId);
        await cluster.WaitAsync(
            "every silo's STATUS to be current again (no degraded)",
            () => cluster.Silos.All(s => s.Ask("STATUS") is { } answer && !answer.RootElement.TryGetProperty("degraded", out _)),
            TimeSpan.FromMinutes(1));
        var currentAfter = restored.Elapsed;

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(Images(cluster), Total, Width, Height);
        Assert.All(cluster.Silos, silo => Assert.True(silo.IsRunning, $"a silo exited: {silo.Output}"));
        await cluster.WaitAsync(
            "three active silos in the membership table",
            async () => (await cluster.MembersAsync()).Count(r => r.Status == MemberRow.Active) == Silos,
            TimeSpan.FromMinutes(1));
        Figure($"database link cut for 20 s: {outage.Answers} STATUS answers during the cut, all running with the job; " +
            $"degraded {outage.DegradedAfter?.TotalSeconds:0.0} s after the cut; reasons at its end: {outage.ReasonsAtEnd}; " +
            $"current again {currentAfter.TotalSeconds:0.0} s after the link came back; the job's images done while cut: {outage.Progress}");
        Figure($"job wall time with the database cut for 20 s: {hosts.Figures.AgainstUndisturbed(job.GetProperty("elapsed_s").GetDouble())}");
    }

    [Fact]
    public async Task ShouldResendTheBatchesOfAHostWhoseLinkIsCutAndLetItRejoinWhenRestoredWithExactCounts()
    {
        // A liveness check far later than the figures below: only the reaction to the death declaration explains them.
        await using var cluster = await StartClusterAsync(new() { ["K2__Jobs__LivenessInterval"] = "00:00:30" });
        await using var logs = new SavedLogs(cluster, TestName());
        var jobId = await cluster.SubmitAsync(Spec(cluster));
        var victim = cluster.Silos[1];
        await cluster.WaitAsync(
            $"{Total / 10} images processed and the silo on {victim.Host!.Address} rendering",
            () => Processed(cluster, jobId) >= Total / 10 && RendersActive(cluster.Silos[0], victim) > 0);

        var resendsAtCut = Resends(cluster, victim);
        var clock = Stopwatch.StartNew();
        hosts.Network.Cut(NamespaceClusterFixture.SiloHostNames[1]);
        var imagesAtCut = Directory.GetFiles(Images(cluster), "*.png").Length;
        Assert.True(imagesAtCut < Total, "the job had finished before the link was cut");
        var oldGeneration = (await cluster.MembersAsync()).Single(r => r.Port == victim.SiloPort && r.Status == MemberRow.Active).Generation;
        await cluster.WaitAsync(
            "the cut silo's row to be marked dead",
            async () => (await cluster.MembersAsync()).Any(r => r.Port == victim.SiloPort && r.Status == MemberRow.Dead),
            TimeSpan.FromMinutes(2));
        var declaredDead = clock.Elapsed;
        await cluster.WaitAsync(
            "a job to send a batch of the cut silo again",
            () => Resends(cluster, victim) > resendsAtCut,
            TimeSpan.FromMinutes(2));
        var resent = clock.Elapsed;
        Assert.True(victim.IsRunning, $"the cut silo exited while it was cut off: {victim.Output}");

        hosts.Network.Restore(NamespaceClusterFixture.SiloHostNames[1]);
        var restored = clock.Elapsed;
        var rejoin = new Rejoin(cluster, victim, oldGeneration);
        var rejoined = await rejoin.AwaitAsync();
        logs.Keep("silo-2-before-restart.log", rejoin.Log);
        var job = await cluster.WaitForEndAsync(jobId);
        var members = await cluster.MembersAsync();

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(Images(cluster), Total, Width, Height);
        Assert.True(job.GetProperty("done").GetInt64() <= Total, $"{job.GetProperty("done")} images counted as done of {Total}");
        Assert.Equal([MemberRow.Dead, MemberRow.Active], members.Where(r => r.Port == victim.SiloPort).OrderBy(r => r.Generation).Select(r => r.Status));
        Assert.Equal(Silos, members.Count(r => r.Status == MemberRow.Active));

        Figure($"link cut with {imagesAtCut} of {Total} images written; declared dead {declaredDead.TotalSeconds:0.0} s after the cut; " +
            $"its batches sent again {(resent - declaredDead).TotalSeconds:0.0} s after that ({resent.TotalSeconds:0.0} s after the cut)");
        Figure($"link restored {restored.TotalSeconds:0.0} s after the cut: {rejoined}");
        Figure($"job wall time with one host cut off: {hosts.Figures.AgainstUndisturbed(job.GetProperty("elapsed_s").GetDouble())}; " +
            $"done {job.GetProperty("done")}, skipped {job.GetProperty("skipped")}");
    }

    /// <summary>A fresh database on the database host and a silo started on each silo host, advertising its address.</summary>
    private async Task<MySqlCluster> StartClusterAsync(Dictionary<string, string>? settings = null)
    {
        var cluster = await MySqlCluster.CreateAsync(hosts.Server, Silos, RenderLimit, settings: settings, hosts: hosts.SiloHosts);
        try
        {
            await cluster.StartAllAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static string Spec(MySqlCluster cluster) => SampleSpec.Write("grand-prix", cluster.Root, Width, Height, Copies);

    private static string Images(MySqlCluster cluster) => Path.Combine(cluster.OutputRoot, "grand-prix");

    private static long Processed(MySqlCluster cluster, string jobId) =>
        cluster.Job(jobId) is { } job ? job.GetProperty("total").GetInt64() - job.GetProperty("remaining").GetInt64() : 0;

    /// <summary>
    /// Batches the other silos' jobs have marked for sending again: found lost (their silo stopped), or a dispatch to the
    /// cut-off silo that failed once it was declared dead.
    /// </summary>
    private static int Resends(MySqlCluster cluster, Daemon cutOff) => cluster.Silos.Where(s => s != cutOff)
        .Sum(s => Occurrences(s.Output, "was lost (its silo stopped); sending it again") + Occurrences(s.Output, "could not be dispatched; it will be retried")
            + Occurrences(s.Output, "batches in flight go back to pending and are sent again by its next activation"));

    private static int Occurrences(string text, string phrase) => (text.Length - text.Replace(phrase, "", StringComparison.Ordinal).Length) / phrase.Length;

    /// <summary>Renders running on <paramref name="silo"/>, as <paramref name="asked"/>'s status socket lists them.</summary>
    private static int RendersActive(Daemon asked, Daemon silo) =>
        asked.Ask("STATUS")?.RootElement.GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("address").GetString() == $"{silo.Host!.Address}:{silo.SiloPort}")
            .Select(s => s.GetProperty("renders_active").GetInt32()).FirstOrDefault() ?? 0;

    private static string TestName([System.Runtime.CompilerServices.CallerMemberName] string test = "") => test;

    private void Figure(string figure) => hosts.Figures.Write(output, nameof(NamespaceFailoverTests), figure);
}
