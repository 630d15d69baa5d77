using System.Diagnostics;
using System.Net;
using System.Text.Json;
using K2Orleans.Grains.Planning;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.StatusBridge.Client;
using K2Orleans.TestSupport;
using Xunit.Abstractions;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// Three k2orleans-silo processes clustering through MariaDB, as three hosts sharing an output folder would, with
/// one render slot each. The grand-prix sample shrunk to 200x320 with its bases offered twice (1296 combinations), so
/// that a kill or an outage lands mid-job even on a machine that renders the plain sample's 648 in a second.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class ThreeSiloClusterTests(MariaDbFixture mariaDb, ITestOutputHelper output)
{
    private const int Copies = 2;
    private const int Total = 648 * Copies;
    private const int Width = 200;
    private const int Height = 320;
    // Cut as the engine cuts it: whole runs of the last slot (the optional plate: 2 plates or none).
    private static readonly BatchPlan Plan = BatchPlan.For(Total, run: 3);
    private const int BatchesPerRenderSlot = 2;
    private const int Silos = 3;
    private const int RenderLimit = 1;

    [Fact]
    public async Task ShouldSpreadOneJobOverEverySiloAndReportItThroughK2AndTheStandaloneBridge()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, Silos, RenderLimit);
        await cluster.StartAllAsync();
        var jobId = await cluster.SubmitAsync(SampleSpec.Write("grand-prix", cluster.Root, Width, Height, Copies));

        var watch = await cluster.K2Async("watch", jobId);
        var batchesPerSilo = await cluster.BatchesPerSiloAsync();
        var status = await cluster.K2Async("status", "--json");
        var bridged = await AskStandaloneBridgeAsync(cluster, jobId);

        Assert.True(watch.Process.ExitCode == 0, watch.StandardOutput + watch.StandardError + cluster.Diagnostics());
        JobAssert.Complete(cluster.Job(jobId)!.Value, Total);
        OutputFolder.AssertComplete(Path.Combine(cluster.OutputRoot, "grand-prix"), Total, Width, Height);
        Assert.Equal(cluster.Silos.Select(s => s.SiloPort).Order(), batchesPerSilo.Keys.Order());
        Assert.All(batchesPerSilo, pair => Assert.True(pair.Value > 0, $"the silo on port {pair.Key} rendered no batch"));
        Assert.True(batchesPerSilo.Values.Sum() >= Plan.BatchCount, $"{batchesPerSilo.Values.Sum()} batches rendered, {Plan.BatchCount} planned");
        var silos = JsonDocument.Parse(status.StandardOutput).RootElement.GetProperty("silos");
        Assert.Equal(Silos, silos.GetArrayLength());
        Assert.All(silos.EnumerateArray(), silo => Assert.Equal("active", silo.GetProperty("status").GetString()));
        Assert.Equal(Silos, bridged.GetProperty("silos").GetArrayLength());
        Assert.Contains(bridged.GetProperty("jobs").EnumerateArray(), job => job.GetProperty("id").GetString() == jobId);
    }

    [Fact]
    public async Task ShouldFinishEveryImageWhenOneSiloIsKilledMidJobAndSendItsBatchesAgainSecondsAfterItsDeath()
    {
        // A liveness interval far longer than the bound below: only the reaction to the death declaration can meet it.
        await using var cluster = await MySqlCluster.CreateAsync(
            mariaDb.Server, Silos, RenderLimit, settings: new Dictionary<string, string> { ["K2__Jobs__LivenessInterval"] = "00:00:30" });
        await cluster.StartAllAsync();
        var jobId = await cluster.SubmitAsync(SampleSpec.Write("grand-prix", cluster.Root, Width, Height, Copies));
        await cluster.WaitForProcessedAsync(jobId, 100);

        // The silo that runs the job itself: the harder case, where the job must come back elsewhere too.
        var victim = cluster.Silos.Single(s => s.Output.Contains($"Job {jobId} started", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        victim.Kill();
        var imagesAtKill = Directory.GetFiles(Path.Combine(cluster.OutputRoot, "grand-prix"), "*.png").Length;
        output.WriteLine($"{imagesAtKill} of {Total} images written when the silo was killed");
        Assert.True(imagesAtKill < Total, "the job had finished before the silo was killed");
        await cluster.WaitAsync(
            "the killed silo's row to be marked dead",
            async () => (await cluster.MembersAsync()).Any(r => r.Port == victim.SiloPort && r.Status == MemberRow.Dead),
            TimeSpan.FromMinutes(2));
        var noticedAfter = clock.Elapsed;
        await cluster.WaitAsync(
            "a job to send a batch of the dead silo again",
            () => cluster.Running.Any(s => s.Output.Contains("was lost (its silo stopped); sending it again", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(2));
        var resentAfter = clock.Elapsed - noticedAfter;
        var job = await cluster.WaitForEndAsync(jobId);
        output.WriteLine($"declared dead after {noticedAfter.TotalSeconds:0.0} s; batches sent again {resentAfter.TotalSeconds:0.0} s after that");

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(Path.Combine(cluster.OutputRoot, "grand-prix"), Total, Width, Height);

        // Cluster:ProbeTimeout 2 s x MissedProbesLimit 3; measured 3 s here, and 11 s with Orleans' defaults (5 s x 3).
        Assert.True(noticedAfter < TimeSpan.FromSeconds(8), $"the dead silo was declared dead after {noticedAfter.TotalSeconds:0.0} s");

        // JobFailover: the next tick (Jobs:TickInterval, 1 s) after a silo learns of the death; Jobs:LivenessInterval is 30 s here.
        Assert.True(resentAfter < TimeSpan.FromSeconds(5), $"the dead silo's batches were sent again {resentAfter.TotalSeconds:0.0} s after its death was declared");
    }

    [Fact]
    public async Task ShouldResumeFromMySqlWhenTwoOfThreeKilledSilosComeBackRedoingAtMostTheBatchesInFlight()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, Silos, RenderLimit);
        await cluster.StartAllAsync();
        var jobId = await cluster.SubmitAsync(SampleSpec.Write("grand-prix", cluster.Root, Width, Height, Copies));
        await cluster.WaitForProcessedAsync(jobId, 200);

        cluster.KillAll();
        var images = Path.Combine(cluster.OutputRoot, "grand-prix");
        var before = OutputFolder.WriteTimes(images);
        Assert.True(before.Count < Total, "the job had finished before the silos were killed");
        var clock = Stopwatch.StartNew();
        await cluster.StartAsync(cluster.Silos[0], cluster.Silos[1]);
        var restartTook = clock.Elapsed;
        var job = await cluster.WaitForEndAsync(jobId);
        var members = await cluster.MembersAsync();

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(images, Total, Width, Height);

        // Work done again: images re-rendered, plus images a re-run batch found done and skipped.
        var bound = Silos * RenderLimit * BatchesPerRenderSlot * Plan.BatchSize;
        var redone = OutputFolder.Rewritten(before) + job.GetProperty("skipped").GetInt64();
        output.WriteLine($"restart took {restartTook.TotalSeconds:0.0} s; {redone} of {before.Count} finished images redone (bound {bound})");
        Assert.True(redone <= bound, $"{redone} of {before.Count} finished images were rendered or checked again; at most {bound} were in flight");

        // A silo back on its address and port declares its older self dead at once; the row of the silo that stays
        // down goes stale after Cluster:HeartbeatPeriod x 3 (15 s) instead of Orleans' 90 s, and is then voted dead.
        Assert.True(restartTook < TimeSpan.FromSeconds(60), $"the silos took {restartTook.TotalSeconds:0.0} s to be active again");
        foreach (var silo in cluster.Silos.Take(2))
        {
            var rows = members.Where(r => r.Port == silo.SiloPort).OrderBy(r => r.Generation).Select(r => r.Status);
            Assert.Equal([MemberRow.Dead, MemberRow.Active], rows);
        }

        Assert.Equal([MemberRow.Dead], members.Where(r => r.Port == cluster.Silos[2].SiloPort).Select(r => r.Status));
    }

    [Fact]
    public async Task ShouldSurviveAMariaDbRestartMidJobAndCompleteIt()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, Silos, RenderLimit);
        await cluster.StartAllAsync();
        var jobId = await cluster.SubmitAsync(SampleSpec.Write("grand-prix", cluster.Root, Width, Height, Copies));
        await cluster.WaitForProcessedAsync(jobId, 50);

        await mariaDb.Server.StopAsync(graceful: false);
        try
        {
            var imagesAtStop = Directory.GetFiles(Path.Combine(cluster.OutputRoot, "grand-prix"), "*.png").Length;
            output.WriteLine($"{imagesAtStop} of {Total} images written when MariaDB stopped");
            Assert.True(imagesAtStop < Total, "the job had finished before MariaDB stopped");
            await cluster.WaitAsync(
                "a silo to log that MySQL cannot be reached",
                () => cluster.Silos.Any(s => s.Output.Contains("Unable to connect to any of the specified MySQL hosts", StringComparison.Ordinal)),
                TimeSpan.FromMinutes(1));
            await AssertDegradedStatusAsync(cluster, jobId);
        }
        finally
        {
            // The server is the collection's: a failed assertion must not leave it down for the next test.
            await mariaDb.Server.StartAsync();
        }

        var job = await cluster.WaitForEndAsync(jobId);

        JobAssert.Complete(job, Total);
        OutputFolder.AssertComplete(Path.Combine(cluster.OutputRoot, "grand-prix"), Total, Width, Height);
        Assert.All(cluster.Silos, silo => Assert.True(silo.IsRunning, $"a silo exited: {silo.Output}"));
        await cluster.WaitAsync(
            "every silo to see three active silos",
            async () => (await cluster.MembersAsync()).Count(r => r.Status == MemberRow.Active) == Silos,
            TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// With the membership database down, every silo's status socket keeps the job and the three silos, says why it is
    /// degraded, and still says running; so does <c>k2 status</c>, which exits 0.
    /// </summary>
    private async Task AssertDegradedStatusAsync(MySqlCluster cluster, string jobId)
    {
        await cluster.WaitAsync(
            "every silo's STATUS to say it is degraded",
            () => cluster.Silos.All(s => s.Ask("STATUS")?.RootElement.TryGetProperty("degraded", out _) == true),
            TimeSpan.FromSeconds(30));
        foreach (var silo in cluster.Silos)
        {
            var status = silo.Ask("STATUS")!.RootElement;
            output.WriteLine($"STATUS during the outage: {status}");
            Assert.True(status.GetProperty("running").GetBoolean());
            Assert.Contains("the membership database is unreachable", status.GetProperty("degraded").GetString());
            Assert.Equal(Silos, status.GetProperty("silos").GetArrayLength());
            Assert.Contains(status.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == jobId);
        }

        var k2 = await cluster.K2Async("status");
        output.WriteLine(k2.StandardOutput);
        Assert.True(k2.Process.ExitCode == 0, $"k2 status exited {k2.Process.ExitCode}: {k2.StandardOutput}{k2.StandardError}");
        Assert.Contains("cluster running (degraded: the membership database is unreachable", k2.StandardOutput);
        Assert.Contains(jobId, k2.StandardOutput);
    }

    /// <summary>
    /// The bridge from its own build output: the copy next to the tests would resolve Microsoft.Extensions.* from the
    /// ASP.NET Core framework the silo brings, which the bridge's runtimeconfig does not name.
    /// </summary>
    private static string BridgeDll => Path.Combine(
        SampleSpec.RepositoryRoot, "src", "StatusBridge", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "k2orleans-bridge.dll");

    private static async Task<JsonElement> AskStandaloneBridgeAsync(MySqlCluster cluster, string jobId)
    {
        var port = FreeTcpPort.Next();
        var environment = new Dictionary<string, string>(cluster.Settings) { ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{port}" };
        using var bridge = K2Process.StartDll(BridgeDll, cluster.Root, environment);
        var status = "";
        try
        {
            await WaitFor.ConditionAsync($"the standalone bridge to list {jobId}", async () =>
            {
                try
                {
                    status = await StatusSocketClient.AskAsync(new IPEndPoint(IPAddress.Loopback, port), "STATUS", TimeSpan.FromSeconds(5), CancellationToken.None);
                    var root = JsonDocument.Parse(status).RootElement;
                    return root.GetProperty("running").GetBoolean()
                        && root.GetProperty("jobs").EnumerateArray().Any(j => j.GetProperty("id").GetString() == jobId);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    return false;
                }
            }, TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Last answer: {status}. Bridge output: {bridge.StandardOutput}{bridge.StandardError}", e);
        }

        return JsonDocument.Parse(status).RootElement.Clone();
    }
}
