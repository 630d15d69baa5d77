using K2Orleans.Cli.Tests.Support;
using K2Orleans.TestSupport;
using MySqlConnector;

namespace K2Orleans.Cli.Tests;

/// <summary>
/// <c>k2 db init</c> against MariaDB: install, run again, bad input in process; no server as an operator sees it, from the
/// program's exit code.
/// </summary>
public sealed class DbInitCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string folder = Directory.CreateTempSubdirectory("k2-db-").FullName;
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await (await MariaDbServer.GetSharedAsync()).CreateDatabaseAsync("dbinit");

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ShouldCreateEveryTableThenFindThemPresentOnTheSecondRun()
    {
        var first = await K2Run.RunAsync(null, Timeout, "db", "init", "--connection", database.ConnectionString);
        var second = await K2Run.RunAsync(null, Timeout, "db", "init", "--connection", database.ConnectionString);

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Contains("schema installed", first.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"tables created: +OrleansQuery, OrleansMembershipVersionTable, OrleansMembershipTable, OrleansStorage, OrleansRemindersTable", first.StandardOutput);
        Assert.Matches(@"tables already present: none", first.StandardOutput);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("schema already up to date", second.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"tables created: +none", second.StandardOutput);
        Assert.Matches(@"queries inserted: +0\n", second.StandardOutput);
        Assert.Equal(await CountQueriesAsync(), int.Parse(System.Text.RegularExpressions.Regex.Match(second.StandardOutput, @"queries unchanged: +(\d+)").Groups[1].Value));
    }

    [Fact]
    public async Task ShouldReportAChangedQueryTextAsUpdated()
    {
        await K2Run.RunAsync(null, Timeout, "db", "init", "--connection", database.ConnectionString);
        await ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'GatewaysQueryKey'");

        var rerun = await K2Run.RunAsync(null, Timeout, "db", "init", "--connection", database.ConnectionString);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Matches(@"queries updated: +1 \(GatewaysQueryKey\)", rerun.StandardOutput);
    }

    [Fact]
    public async Task ShouldTakeTheConnectionStringFromTheConfiguration()
    {
        var environment = new Dictionary<string, string> { ["K2__Cluster__ConnectionString"] = database.ConnectionString };

        var init = await K2Run.RunAsync(environment, Timeout, "db", "init");

        Assert.True(init.ExitCode == 0, init.StandardError);
        Assert.Contains($"database '{database.Name}'", init.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server=127.0.0.1;User ID=root", "names no database")]
    [InlineData("Server=127.0.0.1;Database=k2;Flavour=vanilla", "is not a MySQL connection string")]
    public async Task ShouldExitTwoOnABadConnectionString(string connectionString, string reason)
    {
        var init = await K2Run.RunAsync(null, Timeout, "db", "init", "--connection", connectionString);

        Assert.Equal(2, init.ExitCode);
        Assert.Contains(reason, init.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldExitThreeWhenTheServerCannotBeReached()
    {
        var nobody = $"Server=127.0.0.1;Port={FreeTcpPort.Next()};Database=k2;User ID=root;Connection Timeout=5";

        var init = await K2Process.RunAsync(folder, Timeout, "db", "init", "--connection", nobody);

        Assert.Equal(3, init.Process.ExitCode);
        Assert.Contains("cannot reach the MySQL server", init.StandardError, StringComparison.Ordinal);
    }

    private async Task<int> CountQueriesAsync()
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT COUNT(*) FROM OrleansQuery", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
