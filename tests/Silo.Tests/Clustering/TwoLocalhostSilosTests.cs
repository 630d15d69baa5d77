using System.Globalization;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Specs;
using K2Orleans.Hosting;

namespace K2Orleans.Silo.Tests.Clustering;

/// <summary>
/// Two k2orleans-silo processes on one host, no database: the second joins the first through
/// <c>Cluster:PrimarySiloPort</c>, and job state lives in Orleans' memory storage grains, which both silos reach.
/// The classic-cup sample shrunk to 150x240, in batches of 5, one render slot per silo.
/// </summary>
public sealed class TwoLocalhostSilosTests
{
    private const int BatchSize = 5;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ShouldFormOneClusterWithoutADatabaseAndRenderBatchesOfOneJobOnBothSilos()
    {
        using var folder = new TempDirectory();
        var shared = new Dictionary<string, string>
        {
            ["K2__Cluster__ClusterId"] = $"k2-pair-{Guid.NewGuid().ToString("N")[..8]}",
            ["K2__Storage__Provider"] = "Memory",
        };
        using var primary = new Daemon(Directory.CreateDirectory(folder.File("primary")).FullName, renderLimit: 1, settings: shared);
        using var secondary = new Daemon(
            Directory.CreateDirectory(folder.File("secondary")).FullName,
            renderLimit: 1,
            settings: new Dictionary<string, string>(shared) { ["K2__Cluster__PrimarySiloPort"] = primary.SiloPort.ToString(CultureInfo.InvariantCulture) });
        await primary.StartAsync();
        await secondary.StartAsync();
        await WaitFor.ConditionAsync("the primary to report two active silos", () => ActiveSilos(primary) == 2, Timeout);

        var specPath = SampleSpec.Write("classic-cup", folder.Path, 150, 240);
        var spec = SpecLoader.LoadFile(specPath, new SpecParserOptions()).Spec!;
        var total = new CombinationSpace(spec).Total;
        var output = folder.File("out");
        using var client = await K2ClusterClient.TryConnectAsync(ClientOptions(primary), connectAttempts: 5, CancellationToken.None)
            ?? throw new InvalidOperationException("no Orleans client reached the primary's gateway: " + primary.Output);
        var submitted = await client.Client().GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(new JobRequest(spec, output, Force: false, BatchSize));

        // Asked through the secondary's status socket: the job's state is the one the primary's gateway started.
        var job = await secondary.WaitForFinishAsync(submitted.Id, Timeout);
        var batches = await SiloBatches.PerSiloAsync(client.Client());
        await client.StopAsync(CancellationToken.None);

        var planned = (total + BatchSize - 1) / BatchSize;
        Assert.True(job.GetProperty("status").GetString() == "completed", job.ToString() + primary.Output + secondary.Output);
        Assert.Equal(total, job.GetProperty("done").GetInt64());
        Assert.Equal(planned, job.GetProperty("batches").GetProperty("total").GetInt64());
        Assert.Equal(total, Directory.GetFiles(Path.Combine(output, spec.Slug), "*.png").Length);
        Assert.Equal(new[] { primary.SiloPort, secondary.SiloPort }.Order(), batches.Keys.Order());
        Assert.All(batches, pair => Assert.True(pair.Value > 0, $"the silo on port {pair.Key} rendered no batch of {planned}"));
        Assert.True(batches.Values.Sum() >= planned, $"{batches.Values.Sum()} batches rendered, {planned} planned");
    }

    private static int ActiveSilos(Daemon daemon) => daemon.Ask("STATUS")?.RootElement.GetProperty("silos").EnumerateArray()
        .Count(s => s.GetProperty("status").GetString() == "active") ?? 0;

    private static K2ClusterOptions ClientOptions(Daemon daemon) => new()
    {
        GatewayPort = int.Parse(daemon.Environment["K2__Cluster__GatewayPort"], CultureInfo.InvariantCulture),
        ClusterId = daemon.Environment["K2__Cluster__ClusterId"],
    };
}
