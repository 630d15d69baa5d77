using K2Orleans.MultiHost.Tests.Support;
using MySqlConnector;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// Dead silo rows do not pile up in the membership table: Orleans' cleanup agent, fed by our MySQL queries and the
/// <c>Cluster:*DefunctSilo*</c> settings, removes dead rows past the expiration or beyond the count, and never an
/// active row. The dead rows are written straight into the table, as earlier crashed generations would have left
/// them, before a real silo starts on the same cluster.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class HousekeepingTests(MariaDbFixture mariaDb)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task ShouldRemoveDeadRowsOlderThanTheExpirationAndKeepYoungerDeadAndActiveRows()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1, settings: new Dictionary<string, string>
        {
            ["K2__Cluster__DefunctSiloExpiration"] = "00:30:00",
            ["K2__Cluster__DefunctSiloMinimumRetention"] = "00:00:05",
            ["K2__Cluster__MaxDefunctSiloEntries"] = "100",
        });
        await InsertDeadRowsAsync(cluster, (40001, 120), (40002, 90), (40003, 10), (40004, 5));

        await cluster.StartAllAsync();

        await cluster.WaitAsync(
            "dead rows older than 30 minutes to be removed", async () => (await DeadPortsAsync(cluster)).All(p => p > 40002), CleanupTimeout);
        Assert.Equal([40003, 40004], await DeadPortsAsync(cluster));
        Assert.Contains(await cluster.MembersAsync(), m => m.Port == cluster.Silos[0].SiloPort && m.Status == MemberRow.Active);
    }

    [Fact]
    public async Task ShouldKeepOnlyTheNewestMaxDefunctSiloEntriesDeadRowsOnceTheyAreOlderThanTheMinimumRetention()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1, settings: new Dictionary<string, string>
        {
            ["K2__Cluster__MaxDefunctSiloEntries"] = "2",
            ["K2__Cluster__DefunctSiloMinimumRetention"] = "00:01:00",
        });
        // Five crashed generations in the last quarter of an hour: all far younger than the week's expiration, all
        // past the minute of minimum retention; with Orleans' own hour of retention none would go.
        await InsertDeadRowsAsync(cluster, (40011, 15), (40012, 12), (40013, 9), (40014, 6), (40015, 3));

        await cluster.StartAllAsync();

        await cluster.WaitAsync("the dead rows to be trimmed to 2", async () => (await DeadPortsAsync(cluster)).Count <= 2, CleanupTimeout);
        Assert.Equal([40014, 40015], await DeadPortsAsync(cluster));
        Assert.Contains(await cluster.MembersAsync(), m => m.Port == cluster.Silos[0].SiloPort && m.Status == MemberRow.Active);
    }

    private static async Task<List<int>> DeadPortsAsync(MySqlCluster cluster) =>
        [.. (await cluster.MembersAsync()).Where(m => m.Status == MemberRow.Dead).Select(m => m.Port).Order()];

    /// <summary>Dead rows of other silos on 127.0.0.1, each last heard of the given number of minutes ago.</summary>
    private static async Task InsertDeadRowsAsync(MySqlCluster cluster, params (int Port, int MinutesAgo)[] rows)
    {
        await using var connection = new MySqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using (var version = new MySqlCommand(
            "INSERT INTO OrleansMembershipVersionTable (DeploymentId, Timestamp, Version) VALUES (@cluster, UTC_TIMESTAMP(3), 0)", connection))
        {
            version.Parameters.AddWithValue("cluster", cluster.ClusterId);
            await version.ExecuteNonQueryAsync();
        }

        foreach (var (port, minutesAgo) in rows)
        {
            await using var insert = new MySqlCommand(
                """
                INSERT INTO OrleansMembershipTable
                    (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, SuspectTimes, StartTime, IAmAliveTime)
                VALUES (@cluster, '127.0.0.1', @port, 1, CONCAT('crashed-', @port), 'localhost', 6, 0, NULL,
                        UTC_TIMESTAMP(3) - INTERVAL (@minutes + 5) MINUTE, UTC_TIMESTAMP(3) - INTERVAL @minutes MINUTE)
                """,
                connection);
            insert.Parameters.AddWithValue("cluster", cluster.ClusterId);
            insert.Parameters.AddWithValue("port", port);
            insert.Parameters.AddWithValue("minutes", minutesAgo);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
