using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace K2Orleans.WordPress.Tests.PollerTests;

/// <summary>The silo running the poller dies; with reminders in MySQL (as in production) polling resumes elsewhere.</summary>
public sealed class TheSiloDeath(ITestOutputHelper output)
{
    [Fact]
    public async Task ShouldResumePollingOnASurvivingSilo()
    {
        await using var site = await WordPressSite.CreateAsync();
        await using var orleans = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("orleans");
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(orleans.ConnectionString, CancellationToken.None);
        await using var daemon = await DaemonCluster.StartAsync(site, silos: 3, renderLimit: 1, reminders: orleans.ConnectionString);
        var before = await daemon.WaitForPollsAsync(1, TimeSpan.FromSeconds(30));
        var victim = daemon.Cluster.Silos.Single(s => s.SiloAddress.ToString() == before.Silo);
        output.WriteLine($"poller on {before.Silo}, the {daemon.Cluster.Silos.ToList().IndexOf(victim)}. silo; killing it");

        await daemon.Cluster.KillSiloAsync(victim);
        var post = await site.CreateTrophyAsync("After the death", TrophySpecs.Tiny("wp-survivor").ToJsonString());
        await site.PressAsync(post, "build");
        var meta = await site.WaitForAsync(post, m => m.Status == "completed", TimeSpan.FromMinutes(4), "completed after the poller's silo died");
        var after = await daemon.Poller.GetStatusAsync();

        output.WriteLine($"poller now on {after.Silo}");
        Assert.NotEqual(before.Silo, after.Silo);
        Assert.Equal(2, meta.Count("done"));
    }
}
