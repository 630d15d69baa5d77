using K2Orleans.Grains.Planning;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;
using Xunit.Abstractions;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// Three silos clustering through MariaDB, each serving its Prometheus endpoint on a loopback port of its own, scraped
/// every second by a private Debian prometheus, as docs/deploy-multi-host.md configures it; the job's figures are read
/// back with PromQL through prometheus' HTTP API.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MetricsTests(MariaDbFixture mariaDb, ITestOutputHelper output)
{
    private const int Total = 648;
    private const int Width = 200;
    private const int Height = 320;
    private const int Silos = 3;
    private const string Trophy = "grand-prix";
    // Cut as the engine cuts it: whole runs of the last slot (the optional plate: 2 plates or none).
    private static readonly BatchPlan Plan = BatchPlan.For(Total, run: 3);
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromMinutes(1);
    private static readonly string Up = $"sum(up{{job=\"{PrometheusServer.Job}\"}})";
    private static readonly string RenderRate = $"sum(rate(k2_combinations_total{{outcome=\"rendered\",trophy=\"{Trophy}\"}}[30s]))";
    private static readonly string RenderedPerSilo = $"sum by (instance) (k2_combinations_total{{outcome=\"rendered\",trophy=\"{Trophy}\"}})";
    private static readonly string Rendered = $"sum(k2_combinations_total{{outcome=\"rendered\",trophy=\"{Trophy}\"}})";

    [Fact]
    public async Task ShouldLetPrometheusScrapeEverySiloAndReadTheJobsRenderRate()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, Silos, renderLimit: 1);
        await cluster.StartAllAsync();
        string[] targets = [.. cluster.Silos.Select(s => $"127.0.0.1:{s.MetricsPort}")];
        await using var prometheus = await PrometheusServer.StartAsync(targets);
        await WaitAsync(cluster, prometheus, "prometheus to scrape all three silos", async () => await prometheus.ScalarAsync(Up) == Silos, ScrapeTimeout);

        var jobId = await cluster.SubmitAsync(SampleSpec.Write(Trophy, cluster.Root, Width, Height));
        double? rate = null;
        await WaitAsync(cluster, prometheus, "a positive render rate", async () => (rate = await prometheus.ScalarAsync(RenderRate)) > 0, MySqlCluster.JobTimeout);
        var job = await cluster.WaitForEndAsync(jobId);

        // The last batches are counted at the first scrape after them; a batch sent again may add renders, never remove any.
        await WaitAsync(cluster, prometheus, "every image's render to be counted", async () => await prometheus.ScalarAsync(Rendered) >= Total, ScrapeTimeout);
        await WaitAsync(cluster, prometheus, "no job left active", async () => await prometheus.ScalarAsync("sum(k2_jobs_active)") == 0, ScrapeTimeout);
        var perSilo = await prometheus.QueryAsync(RenderedPerSilo);
        var batches = await prometheus.ScalarAsync($"sum(k2_batch_duration_seconds_count{{trophy=\"{Trophy}\"}})");
        var activeWhileRunning = await prometheus.ScalarAsync("max_over_time(sum(k2_jobs_active)[10m:1s])");
        var orleans = await prometheus.QueryAsync("count by (instance) (orleans_catalog_activations)");
        var messages = await prometheus.ScalarAsync("sum(orleans_messaging_processing_dispatcher_received_total)");
        output.WriteLine($"render rate {rate:0.0} images/s; rendered per silo: {string.Join(", ", perSilo.Select(s => $"{s.Labels["instance"]} {s.Value}"))}");

        JobAssert.Complete(job, Total);
        Assert.Equal(targets.Order(), perSilo.Select(s => s.Labels["instance"]).Order());
        Assert.All(perSilo, s => Assert.True(s.Value > 0, $"{s.Labels["instance"]} rendered nothing"));
        Assert.True(batches >= Plan.BatchCount, $"{batches} batch durations recorded, {Plan.BatchCount} batches planned");
        Assert.Equal(1, activeWhileRunning);
        Assert.Equal(targets.Order(), orleans.Select(s => s.Labels["instance"]).Order());
        Assert.True(messages > 0, "no Orleans message counted");
    }

    private static async Task WaitAsync(MySqlCluster cluster, PrometheusServer prometheus, string what, Func<Task<bool>> condition, TimeSpan timeout)
    {
        try
        {
            await cluster.WaitAsync(what, condition, timeout);
        }
        catch (TimeoutException e)
        {
            var log = prometheus.Output;
            throw new TimeoutException($"{e.Message}\n--- prometheus ---\n{(log.Length > 4000 ? log[^4000..] : log)}", e);
        }
    }
}
