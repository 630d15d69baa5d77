using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;
using MySqlConnector;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>
/// A real daemon given the wrong WordPress database password: its status socket says why it cannot poll, `k2 status`
/// says so, and the K2 Builds page (served from the daemon's own socket) shows it in a real browser.
/// </summary>
public sealed class TheDatabaseHealth : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory folder = new();
    private WordPressSite site = null!;
    private Daemon daemon = null!;

    public async Task InitializeAsync()
    {
        site = await WordPressSite.CreateAsync();
        var wrongPassword = new MySqlConnectionStringBuilder(site.DaemonConnectionString) { Password = "not-the-password" };
        daemon = new Daemon(folder.Path, settings: new Dictionary<string, string>
        {
            ["K2__WordPress__Enabled"] = "true",
            ["K2__WordPress__ConnectionString"] = wrongPassword.ConnectionString,
            ["K2__WordPress__TablePrefix"] = WordPressSite.TablePrefix,
            ["K2__WordPress__PollInterval"] = "00:00:00.500",
            ["K2__WordPress__AssetRoot"] = site.AssetRoot,
            ["K2__WordPress__OutputRoot"] = site.OutputRoot,
        });
        await daemon.StartAsync();
    }

    public async Task DisposeAsync()
    {
        daemon.Dispose();
        await site.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task ShouldShowTheDatabaseErrorInStatusInK2StatusAndOnTheBuildsPage()
    {
        var post = await site.CreateTrophyAsync("Waiting cup", TrophySpecs.Tiny("health-cup").ToJsonString());
        await site.PressAsync(post, "build");

        await WaitFor.ConditionAsync("the daemon's STATUS to carry the poller's error",
            () => daemon.Ask("STATUS")?.RootElement is { } s && s.TryGetProperty("wordpress", out var w) && w.GetProperty("last_error").GetString() is not null,
            Timeout);
        var wordpress = daemon.Ask("STATUS")!.RootElement.GetProperty("wordpress");
        var status = await K2Process.RunAsync(folder.Path, daemon.Environment, TimeSpan.FromMinutes(1), "status");
        await site.SetBridgeAsync(daemon.StatusPort);
        var html = await site.RunAsync("render-builds-page", "admin");
        var dom = "";
        BrowserPage.Open(html, url => dom = HeadlessBrowser.DumpDom(url, TimeSpan.FromSeconds(2)), BrowserPage.PluginStyles(site));
        var screenshot = Path.Combine(SampleSpec.RepositoryRoot, "artifacts", "screenshots", "k2-builds-page-wrong-db-password.png");
        BrowserPage.Open(html, url => HeadlessBrowser.Screenshot(url, screenshot, TimeSpan.FromSeconds(2)), BrowserPage.PluginStyles(site));

        Assert.True(wordpress.GetProperty("enabled").GetBoolean());
        Assert.Contains("Access denied", wordpress.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Contains("WordPress: CANNOT REACH the WordPress database: Access denied", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("The renderer cannot reach WordPress&#039;s database: Access denied", dom.Replace("'", "&#039;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("within seconds", dom, StringComparison.Ordinal);
        Assert.True(File.Exists(screenshot));
        Assert.Equal("requested", (await site.MetaAsync(post)).Status);
    }
}
