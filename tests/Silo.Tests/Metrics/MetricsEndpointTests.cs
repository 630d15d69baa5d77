using System.Globalization;
using System.Net;
using System.Net.Sockets;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.OnRequest;
using K2Orleans.Grains.Rendering.Gate;
using K2Orleans.Grains.Status;
using K2Orleans.Silo.Metrics;
using K2Orleans.Silo.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace K2Orleans.Silo.Tests.Metrics;

/// <summary>
/// The Prometheus endpoint as <see cref="K2MetricsHostingExtensions.AddK2Metrics"/> composes it, on a host with the
/// K2 meters' services and a free port; and the real silo refusing a bad <c>Metrics:Endpoint</c>.
/// </summary>
public sealed class MetricsEndpointTests : IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly TempDirectory temp = new();

    public void Dispose()
    {
        http.Dispose();
        temp.Dispose();
    }

    [Fact]
    public async Task ShouldServeTheK2MetersOnLoopbackOnly()
    {
        var port = FreeTcpPort.Next();
        using var host = Build($"127.0.0.1:{port}");
        await host.StartAsync();
        var trophy = $"cup-{Guid.NewGuid():N}";
        var render = host.Services.GetRequiredService<RenderMetrics>();
        render.BatchFinished(trophy, rendered: 3, skipped: 1, failed: 0);
        render.BatchRendered(trophy, TimeSpan.FromSeconds(0.3));

        var scrape = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        var listening = ListeningSockets.On(port);
        await host.StopAsync();

        Assert.Equal(3, Value(scrape, "k2_combinations_total", $"outcome=\"rendered\"", $"trophy=\"{trophy}\""));
        Assert.Equal(1, Value(scrape, "k2_combinations_total", $"outcome=\"skipped\"", $"trophy=\"{trophy}\""));
        Assert.Equal(1, Value(scrape, "k2_batch_duration_seconds_count", $"trophy=\"{trophy}\""));
        Assert.Equal(0, Value(scrape, "k2_batch_duration_seconds_bucket", $"trophy=\"{trophy}\"", "le=\"0.25\""));
        Assert.Equal(1, Value(scrape, "k2_batch_duration_seconds_bucket", $"trophy=\"{trophy}\"", "le=\"0.5\""));
        Assert.Contains("\nk2_jobs_active{", scrape, StringComparison.Ordinal);
        Assert.Contains("\nk2_onrequest_requests_total{", scrape, StringComparison.Ordinal);
        Assert.Equal([("127.0.0.1", port)], listening);
    }

    [Fact]
    public async Task ShouldServeOnlyK2MetricsThatDocsMetricsMdLists()
    {
        var port = FreeTcpPort.Next();
        using var host = Build($"127.0.0.1:{port}");
        await host.StartAsync();
        var render = host.Services.GetRequiredService<RenderMetrics>();
        render.BatchFinished("docs-check", rendered: 1, skipped: 0, failed: 0);
        render.BatchRendered("docs-check", TimeSpan.FromSeconds(1));

        var scrape = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        await host.StopAsync();

        string[] served = [.. scrape.Split('\n').Where(l => l.StartsWith("# TYPE k2_", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])];
        var documented = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "metrics.md"));
        Assert.True(served.Length >= 12, $"only {served.Length} K2 metrics served: {string.Join(", ", served)}");
        Assert.All(served, name => Assert.Contains($"| `{name}` |", documented, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ShouldListenOnEveryInterfaceAndAnswerAnyHostNameFor0000()
    {
        var port = FreeTcpPort.Next();
        using var host = Build($"0.0.0.0:{port}");
        await host.StartAsync();

        var listening = ListeningSockets.On(port);
        using var byName = await http.GetAsync($"http://localhost:{port}/metrics");
        var outside = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        using var fromOutside = outside is null ? null : await http.GetAsync($"http://{outside}:{port}/metrics");
        await host.StopAsync();

        Assert.Equal([("0.0.0.0", port)], listening);
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.True(fromOutside is null || fromOutside.StatusCode == HttpStatusCode.OK, $"{outside}: {fromOutside?.StatusCode}");
    }

    [Fact]
    public async Task ShouldRefuseABadEndpointAtStartNamingTheKey()
    {
        using var host = Build("[::1]:9464");

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Metrics:Endpoint", refused.Message, StringComparison.Ordinal);
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task ShouldAddNoMeterProviderWhenOff()
    {
        using var host = Build("off");

        await host.StartAsync();
        var provider = host.Services.GetService<MeterProvider>();
        await host.StopAsync();

        Assert.Null(provider);
    }

    [Fact]
    public async Task ShouldStopTheSiloWithExitCodeTwoNamingTheKey()
    {
        var environment = new Dictionary<string, string>
        {
            ["K2__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture),
            ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{FreeTcpPort.Next()}",
            ["K2__Dashboard__Enabled"] = "false",
            ["K2__Images__Enabled"] = "false",
            ["K2__Metrics__Endpoint"] = "localhost:9464",
        };

        using var silo = K2Process.StartDll("k2orleans-silo.dll", temp.Path, environment);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await silo.Process.WaitForExitAsync(deadline.Token);

        Assert.True(silo.Process.ExitCode == 2, $"exit {silo.Process.ExitCode}: {silo.StandardError}");
        Assert.Contains("k2orleans-silo: Metrics:Endpoint must be an IPv4 address and port", silo.StandardError, StringComparison.Ordinal);
    }

    /// <summary>A host with what the K2 meters need (as AddK2Grains registers it) and the metrics section.</summary>
    [Fact]
    public async Task ShouldNameTheKeyWhenThePortIsTakenBetweenTheCheckAndTheListen()
    {
        // Two silos started at once on one host both pass the start-up port check; the second's exporter then fails.
        // The other silo's listener is stood in for by a plain socket (another HttpListener in this process would be
        // refused by HttpListener's own bookkeeping, with another message than a second process gets).
        var port = FreeTcpPort.Next();
        using var taken = new TcpListener(IPAddress.Loopback, port);
        taken.Start();
        using var second = Build($"127.0.0.1:{port}");

        var failure = await Record.ExceptionAsync(() => second.StartAsync());

        Assert.NotNull(failure);
        var cause = SiloApp.EnvironmentCause(failure);
        Assert.NotNull(cause);
        Assert.StartsWith("Metrics:Endpoint cannot be listened on: ", cause.Message, StringComparison.Ordinal);
        Assert.Contains("in use", cause.Message, StringComparison.Ordinal);
    }

    private static IHost Build(string endpoint)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new($"{MetricsOptions.SectionName}:Endpoint", endpoint)]);
        builder.Services.AddSingleton(new RenderGate(1));
        builder.Services.AddSingleton(new OnRequestCounters(TimeProvider.System));
        builder.Services.AddSingleton<RenderMetrics>();
        builder.Services.AddSingleton<OnRequestMetrics>();
        builder.Services.AddSingleton<RunningJobs>();
        builder.AddK2Metrics();
        return builder.Build();
    }

    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Value(string scrape, string metric, params string[] labels)
    {
        var line = Assert.Single(scrape.Split('\n'), l => l.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l.Contains));
        return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
