using K2Orleans.StatusBridge.Sources;
using K2Orleans.StatusBridge.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.StatusBridge.Tests.OrleansStatusSourceTests;

/// <summary>
/// While the membership database is gone, job grains wait on it to save their state and stop answering. The status
/// must still say why it is degraded: a read that waits for the jobs until the whole request times out only says
/// "the cluster did not answer", and hides the database's reason (seen in the namespace suite with the database cut).
/// </summary>
public sealed class TheGetClusterMethod
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static MembershipDatabaseProbe ProbeOfAClosedPort() =>
        new($"Server=127.0.0.1;Port={ClosedPort.Find()};User ID=k2;Password=unused;Database=k2");

    [Fact]
    public async Task ShouldNameTheDatabaseAndGiveUpOnTheJobsWhenTheyNeverAnswer()
    {
        var source = new OrleansStatusSource(StuckGrains.Create(), database: ProbeOfAClosedPort());

        var snapshot = await source.GetClusterAsync(CancellationToken.None).WaitAsync(Deadline);

        Assert.True(snapshot.Running);
        Assert.Equal([StuckGrains.Silo.Endpoint.ToString()], snapshot.Silos.Select(s => s.Address));
        Assert.True(snapshot.Jobs.IsDefault, "jobs that never answered were reported as read");
        Assert.Null(snapshot.WordPress);
        Assert.Contains(MembershipDatabaseProbe.Unreachable, snapshot.Degraded, StringComparison.Ordinal);
        Assert.Contains($"jobs did not answer within {source.PartBudget.TotalSeconds:0.###} s", snapshot.Degraded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldLetTheStatusCommandSayTheDatabaseIsUnreachableWhileTheJobsHang()
    {
        var source = new OrleansStatusSource(StuckGrains.Create(), database: ProbeOfAClosedPort());
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var status = await WaitFor.ValueAsync("STATUS says degraded",
            () => client.AskAsync("STATUS"), s => s.TryGetProperty("degraded", out _), Deadline);

        Assert.True(status.GetProperty("running").GetBoolean());
        Assert.Contains(MembershipDatabaseProbe.Unreachable, status.GetProperty("degraded").GetString(), StringComparison.Ordinal);
    }
}
