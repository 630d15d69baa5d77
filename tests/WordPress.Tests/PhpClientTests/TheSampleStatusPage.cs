using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PhpClientTests;

/// <summary>
/// clients/php/status-page.php and K2Status::wordpress() with the STATUS "wordpress" field (issue I). The page's other
/// tests are in StatusBridge.Tests; these need the fake bridge that adds the field, which lives here.
/// </summary>
public sealed class TheSampleStatusPage
{
    private static async Task<string> RenderAsync(int port)
    {
        var result = await Php.RunAsync([Path.Combine(Php.ClientFolder, "status-page.php")],
            new Dictionary<string, string?> { ["K2_STATUS_HOST"] = "127.0.0.1", ["K2_STATUS_PORT"] = $"{port}" });
        Assert.True(result.ExitCode == 0 && result.Errors.Length == 0, $"php failed ({result.ExitCode}): {result.Errors}");
        return result.Output;
    }

    [Fact]
    public async Task ShouldSayTheRendererCannotReachTheDatabaseAndShowNoEtaForAnEndedJob()
    {
        var cancelled = new JobSnapshot("cup-20261203T100000Z", "cup", JobState.Cancelled, 60, 12, 0, 0, DateTimeOffset.UtcNow.AddMinutes(-2),
            DateTimeOffset.UtcNow.AddMinutes(-1), 60, 0.2, 0, [], new BatchCounts(6, 1, 0));
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [new SiloSnapshot("10.0.0.5:11111", "active", 0, 2)], [cancelled]),
            new PollerHealth(true, DateTimeOffset.UtcNow, "Access denied for user 'k2orleans'@'localhost' (using password: YES)"));

        var page = await RenderAsync(bridge.Port);

        Assert.Contains("<p class=\"problem\" id=\"wordpress-state\">The renderer cannot reach WordPress's database: Access denied for user &apos;k2orleans&apos;@&apos;localhost&apos; (using password: YES)</p>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"eta\">\u2014</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldSayNothingAboutWordPressWhenTheDaemonDoesNotAndSayWhenTheBridgeIsNotAnswering()
    {
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [], []));
        var older = await RenderAsync(bridge.Port);
        var port = ClosedPort.Find();
        var down = await RenderAsync(port);

        Assert.Contains(">Running</p>", older, StringComparison.Ordinal);
        Assert.DoesNotContain("wordpress-state", older, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"problem\">The status bridge is not answering: K2 status daemon not reachable at tcp://127.0.0.1:{port}", down, StringComparison.Ordinal);
    }
}
