using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;
using MySqlConnector;

namespace K2Orleans.MultiHost.Tests;

/// <summary>
/// Dead silo rows do not pile up in the membership table: Orleans' cleanup agent, fed by our MySQL queries and the
/// <c>Cluster:*DefunctSilo*</c> settings, removes dead rows past the expiration or beyond the count, and never an
/// active row. The dead rows are written straight into the table, as earlier crashed generations would have left
/// them, before a real silo starts on the same cluster. Also what an operator meets first: the installer's grant of
/// sql/README.md on a fresh database, and <c>k2 submit</c> with the database down.
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class HousekeepingTests(MariaDbFixture mariaDb)
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

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

    [Fact]
    public async Task ShouldKeepDeadRowsYoungerThanTheMinimumRetentionBeyondTheCount()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1, settings: new Dictionary<string, string>
        {
            ["K2__Cluster__MaxDefunctSiloEntries"] = "1",
            ["K2__Cluster__DefunctSiloMinimumRetention"] = "00:05:00",
        });
        // Two deaths of the last minute and one of twenty minutes ago: the count alone would keep one row.
        await InsertDeadRowsAsync(cluster, (40021, 20), (40022, 1), (40023, 0));

        await cluster.StartAllAsync();

        await cluster.WaitAsync("the dead row of 20 minutes ago to be removed", async () => !(await DeadPortsAsync(cluster)).Contains(40021), CleanupTimeout);
        Assert.Equal([40022, 40023], await DeadPortsAsync(cluster));
    }

    [Fact]
    public async Task ShouldInstallTheSchemaTwiceWithTheInstallerGrantOfSqlReadmeOnAFreshDatabase()
    {
        await using var database = await mariaDb.Server.CreateDatabaseAsync("grant");
        var user = $"k2install_{Guid.NewGuid().ToString("N")[..8]}";
        // The grant exactly as sql/README.md gives it, on the database (a table grant on OrleansQuery fails there).
        foreach (var host in new[] { "%", "localhost", "127.0.0.1" })
        {
            await AdminAsync($"CREATE USER '{user}'@'{host}' IDENTIFIED BY 'change-me-too'");
            await AdminAsync($"GRANT CREATE, INDEX, REFERENCES, SELECT, INSERT, DELETE ON `{database.Name}`.* TO '{user}'@'{host}'");
        }

        var connection = new MySqlConnectionStringBuilder(database.ConnectionString) { UserID = user, Password = "change-me-too" }.ConnectionString;
        using var folder = new TempDirectory();
        var first = await K2Process.RunAsync(folder.Path, CommandTimeout, "db", "init", "--connection", connection);
        var again = await K2Process.RunAsync(folder.Path, CommandTimeout, "db", "init", "--connection", connection);

        Assert.True(first.Process.ExitCode == 0, $"k2 db init exited {first.Process.ExitCode}: {first.StandardOutput}{first.StandardError}");
        Assert.Contains("schema installed", first.StandardOutput);
        Assert.True(again.Process.ExitCode == 0, $"k2 db init again exited {again.Process.ExitCode}: {again.StandardOutput}{again.StandardError}");
        Assert.Contains("schema already up to date", again.StandardOutput);
    }

    [Fact]
    public async Task ShouldBlameTheDatabaseNotTheSiloWhenSubmittingWithTheDatabaseDown()
    {
        using var folder = new TempDirectory();
        var spec = SampleSpec.Write("grand-prix", folder.Path, 100, 160);
        // A server that is down: nothing listens on its port.
        var down = new MySqlConnectionStringBuilder(mariaDb.Server.AdminConnectionString) { Port = (uint)FreeTcpPort.Next(), Database = "k2orleans" };
        var environment = new Dictionary<string, string>
        {
            ["K2__Cluster__Mode"] = "MySql",
            ["K2__Cluster__ConnectionString"] = down.ConnectionString,
        };

        var submit = await K2Process.RunAsync(folder.Path, environment, CommandTimeout, "submit", spec, "--out", Path.Combine(folder.Path, "out"));

        Assert.True(submit.Process.ExitCode == 3, $"k2 submit exited {submit.Process.ExitCode}: {submit.StandardOutput}{submit.StandardError}");
        Assert.Contains("Cluster:ConnectionString", submit.StandardError);
        Assert.DoesNotContain("is k2orleans-silo running", submit.StandardError);
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new MySqlConnection(mariaDb.Server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
