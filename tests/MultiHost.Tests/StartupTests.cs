using System.Net;
using System.Net.Sockets;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;
using MySqlConnector;
using Xunit.Abstractions;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// What a silo checks before it joins (src/Silo/Startup): its database (waiting while it is down, refusing wrong
/// credentials), the address and port of live members, and every port it is to listen on.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class StartupTests(MariaDbFixture mariaDb, ITestOutputHelper output)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ShouldRefuseASecondSiloAtTheAddressAndPortOfAnActiveMemberAndKeepTheFirstActive()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1);
        await cluster.StartAllAsync();
        var first = cluster.Silos[0];
        using var second = Newcomer(cluster, "clone", new() { ["K2__Cluster__SiloPort"] = first.SiloPort.ToString() });

        var exitCode = await ExitCodeAsync(second);

        Assert.True(exitCode == 2, $"exit {exitCode}: {second.Output}");
        Assert.Contains("Cluster:SiloPort", second.Output);
        Assert.Contains("active member", second.Output);
        AssertNoStackTrace(second.Output);
        await AssertStillTheOnlyActiveAsync(cluster, first);
    }

    [Fact]
    public async Task ShouldRefuseEachEndpointInUseNamingItsKeyAndKeepTheFirstSiloActive()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1);
        await cluster.StartAllAsync();
        var first = cluster.Silos[0];
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var dashboardPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var clashes = new (string Key, Dictionary<string, string> Settings)[]
        {
            ("Cluster:GatewayPort", new() { ["K2__Cluster__GatewayPort"] = first.Environment["K2__Cluster__GatewayPort"] }),
            ("StatusBridge:TcpEndpoint", new() { ["K2__StatusBridge__TcpEndpoint"] = first.Environment["K2__StatusBridge__TcpEndpoint"] }),
            ("Images:Endpoint", new() { ["K2__Images__Endpoint"] = first.Environment["K2__Images__Endpoint"] }),
            ("Metrics:Endpoint", new() { ["K2__Metrics__Endpoint"] = first.Environment["K2__Metrics__Endpoint"] }),
            ("Dashboard:Port", new() { ["K2__Dashboard__Enabled"] = "true", ["K2__Dashboard__Port"] = dashboardPort.ToString() }),
        };

        foreach (var (key, settings) in clashes)
        {
            using var newcomer = Newcomer(cluster, key.Replace(':', '-'), settings);
            var exitCode = await ExitCodeAsync(newcomer);

            Assert.True(exitCode == 2, $"{key}: exit {exitCode}: {newcomer.Output}");
            Assert.Contains($"{key} ", newcomer.Output);
            Assert.Contains("in use", newcomer.Output);
            AssertNoStackTrace(newcomer.Output);
        }

        await AssertStillTheOnlyActiveAsync(cluster, first);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("unknown database")]
    public async Task ShouldExitTwoNamingTheConnectionStringWithoutAStackTraceOrWaiting(string mistake)
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1);
        var builder = new MySqlConnectionStringBuilder(cluster.ConnectionString);
        if (mistake == "wrong password")
        {
            builder.Password = "not-the-password";
        }
        else
        {
            builder.Database = "k2_no_such_database";
        }

        using var silo = Newcomer(cluster, "bad", new() { ["K2__Cluster__ConnectionString"] = builder.ConnectionString });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exitCode = await ExitCodeAsync(silo);
        output.WriteLine($"{mistake}: exit {exitCode} after {clock.Elapsed.TotalSeconds:0.0} s: {silo.Output}");

        Assert.True(exitCode == 2, $"exit {exitCode}: {silo.Output}");
        Assert.Contains("Cluster:ConnectionString", silo.Output);
        Assert.DoesNotContain("attempt", silo.Output);   // a setting no wait can fix is not waited for
        AssertNoStackTrace(silo.Output);
    }

    [Fact]
    public async Task ShouldWaitForAMariaDbThatIsDownAtStartAndStartOnceItIsUp()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1);
        var silo = cluster.Silos[0];
        await mariaDb.Server.StopAsync(graceful: true);
        try
        {
            silo.Start();

            // Four attempts with pauses of 1, 2 and 4 s: the database has been down for about ten seconds of the wait.
            await cluster.WaitAsync(
                "the silo to log its fourth attempt (or to exit)",
                () => silo.Output.Contains("attempt 4,", StringComparison.Ordinal) || !silo.IsRunning,
                ExitTimeout);
            Assert.True(silo.IsRunning, $"the silo did not wait for the database: {silo.Output}");
        }
        finally
        {
            await mariaDb.Server.StartAsync();
        }

        await silo.WaitUntilRunningAsync();

        output.WriteLine(silo.Output);
        Assert.Contains("Cluster:ConnectionString: the server at 127.0.0.1", silo.Output);
        Assert.Contains("is down or unreachable", silo.Output);
        AssertNoStackTrace(silo.Output);
        Assert.Contains((await cluster.MembersAsync()), r => r.Port == silo.SiloPort && r.Status == MemberRow.Active);
    }

    /// <summary>A silo of the cluster in a folder of its own, not started by the cluster, with <paramref name="settings"/> on top.</summary>
    private static Daemon Newcomer(MySqlCluster cluster, string name, Dictionary<string, string> settings)
    {
        var all = new Dictionary<string, string>(cluster.Settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var silo = new Daemon(Directory.CreateDirectory(Path.Combine(cluster.Root, $"newcomer-{name}")).FullName, renderLimit: 1, settings: all);
        silo.Start();
        return silo;
    }

    private static async Task<int> ExitCodeAsync(Daemon silo)
    {
        using var deadline = new CancellationTokenSource(ExitTimeout);
        try
        {
            await silo.Process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            silo.Kill();
            Assert.Fail($"the silo did not exit within {ExitTimeout.TotalSeconds:0} s: {silo.Output}");
        }

        silo.Process.WaitForExit();   // drains the redirected output
        return silo.Process.ExitCode;
    }

    private static void AssertNoStackTrace(string text) =>
        Assert.False(text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Unhandled exception", StringComparison.Ordinal), $"a stack trace: {text}");

    private static async Task AssertStillTheOnlyActiveAsync(MySqlCluster cluster, Daemon first)
    {
        Assert.True(first.IsRunning, $"the first silo stopped: {first.Output}");
        Assert.True(first.Ask("PING")?.RootElement.GetProperty("running").GetBoolean(), "the first silo's status socket does not say running");
        var rows = await cluster.MembersAsync();
        Assert.Equal([MemberRow.Active], rows.Select(r => r.Status));
        Assert.Equal(first.SiloPort, rows.Single().Port);
    }
}
