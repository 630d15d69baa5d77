using K2Orleans.TestSupport;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.PhpClientTests;

/// <summary>clients/php/status-page.php rendered by the real php-cli against a real bridge.</summary>
public sealed class TheStatusPage
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FakeStatusSource source = new();

    private static async Task<string> RenderAsync(string host, int port)
    {
        var result = await Php.RunAsync([Path.Combine(Php.ClientFolder, "status-page.php")],
            new Dictionary<string, string?> { ["K2_STATUS_HOST"] = host, ["K2_STATUS_PORT"] = port.ToString() });
        Assert.True(result.ExitCode == 0 && result.Errors.Length == 0, $"php failed ({result.ExitCode}): {result.Errors}");
        return result.Output;
    }

    private static Task<string> RenderAsync(BridgeHost bridge) => RenderAsync(bridge.Tcp.Address.ToString(), bridge.Tcp.Port);

    [Fact]
    public async Task ShouldShowEachJobsProgress()
    {
        var running = Some.Job(total: 900, done: 440, skipped: 10, failed: 1, elapsed: 125.4, eta: 3725, rate: 14.94);
        var queued = Some.Job(id: "gala-cup-20261128T220000Z", trophy: "gala-cup", status: JobState.Queued,
            total: 40, done: 0, failed: 0, elapsed: 0, eta: null, rate: null);
        source.Cluster = _ => new ClusterSnapshot(true, [Some.Silo()], [running, queued]);
        await using var bridge = await BridgeHost.StartAsync(source);

        var page = await WaitFor.ValueAsync("the page shows Running",
            () => RenderAsync(bridge), html => html.Contains(">Running</p>", StringComparison.Ordinal), Deadline);

        HtmlAssert.HasCells(page, ("trophy", "classic-cup"), ("status", "running"), ("elapsed", "2m 05s"), ("eta", "1h 02m 05s"), ("left", "449"),
            ("rate", "14.9 images/s"));
        Assert.Contains("<progress max=\"100\" value=\"50.1\"></progress>", page, StringComparison.Ordinal);
        HtmlAssert.HasCells(page, ("trophy", "gala-cup"), ("status", "queued"), ("eta", "unknown"), ("rate", "unknown"), ("left", "40"));
        Assert.Contains("<td>10.0.0.5:11111</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldEscapeEverythingItShows()
    {
        source.Cluster = _ => Some.Cluster(Some.Job(trophy: "<script>alert(\"x\")</script>&'"));
        await using var bridge = await BridgeHost.StartAsync(source);

        var page = await WaitFor.ValueAsync("the page shows Running",
            () => RenderAsync(bridge), html => html.Contains(">Running</p>", StringComparison.Ordinal), Deadline);

        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayNotRunningWhenTheClusterIsDown()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        await WaitFor.ValueAsync("the page shows Running",
            () => RenderAsync(bridge), html => html.Contains(">Running</p>", StringComparison.Ordinal), Deadline);

        // No silo answers: what the bridge's cluster client reports once it has no gateway.
        source.Cluster = _ => ClusterSnapshot.Down;
        var page = await WaitFor.ValueAsync("the page shows Not running",
            () => RenderAsync(bridge), html => html.Contains(">Not running</p>", StringComparison.Ordinal), Deadline);

        Assert.Contains("No jobs in the last 24 hours.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("classic-cup", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayWhyWhenTheDaemonIsNotReachable()
    {
        var port = ClosedPort.Find();

        var page = await RenderAsync("127.0.0.1", port);

        Assert.Contains(">Not running</p>", page, StringComparison.Ordinal);
        Assert.Contains($"K2 status daemon not reachable at tcp://127.0.0.1:{port}", page, StringComparison.Ordinal);
    }
}
