using System.Text.Json;
using ImageMagick;
using K2Orleans.Grains.Planning;

namespace K2Orleans.Silo.Tests.Daemons;

/// <summary>The daemon as an operator runs it: a real k2orleans-silo process, driven with k2 and its status socket.</summary>
public sealed class DaemonTests : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(5);
    private readonly string folder = Directory.CreateTempSubdirectory("k2-daemon-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldResumeAfterSigkillOnSameStateFileRerenderingAtMostInFlightBatches()
    {
        using var daemon = new Daemon(folder, renderLimit: 2);
        await daemon.StartAsync();
        var spec = SampleSpec.Write("grand-prix", folder, 300, 480);
        var jobId = await SubmitAsync(daemon, spec);
        await WaitFor.ConditionAsync("100 images", () => daemon.Job(jobId).GetProperty("done").GetInt64() >= 100, JobTimeout);

        daemon.Kill();
        var images = Path.Combine(folder, "out", "grand-prix");
        var before = Directory.GetFiles(images, "*.png").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.True(before.Count < 648, "the job had finished before the kill");
        await daemon.StartAsync();
        await WaitFor.ConditionAsync("the job to finish", () => daemon.Job(jobId).GetProperty("status").GetString() is "completed" or "failed" or "cancelled", JobTimeout);
        var job = daemon.Job(jobId);

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(648, job.GetProperty("done").GetInt64() + job.GetProperty("skipped").GetInt64());
        Assert.Equal(0, job.GetProperty("failed").GetInt64());
        Assert.Equal(648, Directory.GetFiles(images, "*.png").Length);
        Assert.Empty(Directory.GetFiles(images, "*.k2tmp"));

        // At most the batches in flight at the kill can run again: 1 silo x 2 renders x 2 batches per render slot.
        // The batch size is the engine's own cut: whole runs of the last slot (the optional plate: 2 plates or none).
        var batchSize = BatchPlan.For(648, run: 3).BatchSize;
        var rerendered = before.Count(pair => File.GetLastWriteTimeUtc(pair.Key) != pair.Value);
        Assert.True(rerendered <= 4 * batchSize, $"{rerendered} finished images were rendered again");
    }

    [Fact]
    public async Task ShouldExitZeroOnSigtermMidJobLeavingNoTempFilesAndResumeOnNextStart()
    {
        using var daemon = new Daemon(folder, renderLimit: 2);
        await daemon.StartAsync();
        var spec = SampleSpec.Write("grand-prix", folder, 300, 480);
        var jobId = await SubmitAsync(daemon, spec);
        await WaitFor.ConditionAsync("50 images", () => daemon.Job(jobId).GetProperty("done").GetInt64() >= 50, JobTimeout);

        var exitCode = await daemon.TerminateAsync(TimeSpan.FromSeconds(60));
        var images = Path.Combine(folder, "out", "grand-prix");
        var tempsAfterStop = Directory.GetFiles(images, "*.k2tmp");
        var imagesAfterStop = Directory.GetFiles(images, "*.png").Length;
        await daemon.StartAsync();
        await WaitFor.ConditionAsync("the job to finish", () => daemon.Job(jobId).GetProperty("status").GetString() == "completed", JobTimeout);

        Assert.Equal(0, exitCode);
        Assert.True(imagesAfterStop < 648, "the job had finished before SIGTERM");
        Assert.Empty(tempsAfterStop);
        Assert.Equal(648, Directory.GetFiles(images, "*.png").Length);
        var job = daemon.Job(jobId);
        Assert.Equal(648, job.GetProperty("done").GetInt64() + job.GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task ShouldServeDashboardListingTheSilo()
    {
        using var daemon = new Daemon(folder, dashboard: true);
        await daemon.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.DashboardPort}") };

        // PING says the silo runs; the dashboard's listener may come up a moment later on a busy host.
        var page = await WaitFor.ValueAsync<HttpResponseMessage?>("the dashboard to listen", async () =>
        {
            try
            {
                return await http.GetAsync("/dashboard/");
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }, response => response is not null, TimeSpan.FromSeconds(60));
        var siloPort = daemon.Environment["K2__Cluster__SiloPort"];
        string counters = "";
        await WaitFor.ConditionAsync("the dashboard to list the silo", async () =>
        {
            counters = await http.GetStringAsync("/dashboard/DashboardCounters");
            return JsonDocument.Parse(counters).RootElement.GetProperty("totalActiveHostCount").GetInt32() == 1;
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, page!.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{siloPort}", counters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldShowTheSiloOnTheDashboardInARealBrowser()
    {
        using var daemon = new Daemon(folder, dashboard: true);
        await daemon.StartAsync();
        var url = $"http://127.0.0.1:{daemon.DashboardPort}/dashboard/#/silos";
        var silo = $"127.0.0.1:{daemon.SiloPort}";

        // The page is a script-built application: the silo's address is in the DOM only once its scripts have
        // fetched the cluster's figures and drawn them.
        var dom = "";
        await WaitFor.ConditionAsync("the dashboard's scripts to draw the silo", () =>
        {
            dom = HeadlessBrowser.DumpDom(url, TimeSpan.FromSeconds(5));
            return dom.Contains(silo, StringComparison.Ordinal);
        }, TimeSpan.FromMinutes(2));
        var screenshot = Path.Combine(SampleSpec.RepositoryRoot, "artifacts", "screenshots", "dashboard.png");
        HeadlessBrowser.Screenshot(url, screenshot, TimeSpan.FromSeconds(5));

        Assert.Contains(silo, dom, StringComparison.Ordinal);
        using var image = new MagickImage(screenshot);
        Assert.Equal((1280u, 900u), (image.Width, image.Height));
        Assert.True(image.TotalColors > 16, $"the dashboard screenshot has {image.TotalColors} colours: a blank page?");
    }

    [Fact]
    public async Task ShouldStartWithTheDeployExampleAsItsConfigurationFile()
    {
        // The example as install.sh writes it, only its host paths and ports moved into the test folder.
        File.Copy(Path.Combine(SampleSpec.RepositoryRoot, "deploy", "appsettings.example.json"), Path.Combine(folder, "appsettings.json"));
        using var daemon = new Daemon(folder);
        var socket = Path.Combine(folder, "status.sock");
        daemon.Environment["K2__StatusBridge__UnixSocketPath"] = socket;
        daemon.Environment["K2__Logging__Syslog"] = "false";
        daemon.Environment["K2__Rendering__AssetRoot"] = Path.Combine(folder, "assets");
        daemon.Environment["K2__Rendering__OutputRoot"] = Path.Combine(folder, "out");

        await daemon.StartAsync();

        Assert.True(File.Exists(socket), daemon.Output);
        Assert.True(File.Exists(Path.Combine(folder, "data", "k2orleans.db")), "the example's SQLite file is not where Storage:SqlitePath says");
    }

    [Fact]
    public async Task ShouldRefuseBadConfigurationNamingTheKey()
    {
        var environment = new Dictionary<string, string> { ["K2__Rendering__MaxConcurrentRenders"] = "0", ["K2__Cluster__Mode"] = "Cloud" };

        using var silo = K2Process.StartDll("k2orleans-silo.dll", folder, environment);
        await silo.Process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("Rendering:MaxConcurrentRenders", silo.StandardError, StringComparison.Ordinal);
        Assert.Contains("Cluster:Mode", silo.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldExitThreeWhenNoClusterRuns()
    {
        var environment = new Dictionary<string, string> { ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(), ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{FreeTcpPort.Next()}" };
        var spec = SampleSpec.Write("classic-cup", folder, 60, 96);

        var submit = await K2Process.RunAsync(folder, environment, TimeSpan.FromMinutes(1), "submit", spec);
        var status = await K2Process.RunAsync(folder, environment, TimeSpan.FromMinutes(1), "status");

        Assert.Equal(3, submit.Process.ExitCode);
        Assert.Equal(3, status.Process.ExitCode);
        Assert.Contains("cannot reach", submit.StandardError, StringComparison.Ordinal);
    }

    private async Task<string> SubmitAsync(Daemon daemon, string spec)
    {
        var jobId = await daemon.SubmitAsync(spec, Path.Combine(folder, "out"));
        Assert.StartsWith("grand-prix-", jobId, StringComparison.Ordinal);
        return jobId;
    }
}
