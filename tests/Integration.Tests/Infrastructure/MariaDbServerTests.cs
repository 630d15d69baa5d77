using K2Orleans.TestSupport;
using MySqlConnector;

namespace K2Orleans.Integration.Tests.Infrastructure;

/// <summary>The test server itself: later tests restart MariaDB mid-job and rely on this behaviour.</summary>
public sealed class MariaDbServerTests
{
    [Fact]
    public async Task StoppedOrKilledServerRestartsOnTheSamePortWithItsData()
    {
        await using var server = await MariaDbServer.StartPrivateAsync();
        await using var database = await server.CreateDatabaseAsync("restart");
        await ExecuteAsync(database.ConnectionString, "CREATE TABLE kept (id INT PRIMARY KEY)");
        await ExecuteAsync(database.ConnectionString, "INSERT INTO kept VALUES (1)");
        var port = server.Port;

        await server.StopAsync(graceful: true);
        await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(database.ConnectionString, "SELECT 1"));
        await server.StartAsync();
        await ExecuteAsync(database.ConnectionString, "INSERT INTO kept VALUES (2)");
        await server.StopAsync(graceful: false);
        await server.StartAsync();

        Assert.Equal(port, server.Port);
        Assert.Equal(2L, Convert.ToInt64(await ScalarAsync(database.ConnectionString, "SELECT COUNT(*) FROM kept")));
    }

    [Fact]
    public async Task EachDatabaseStartsEmpty()
    {
        var server = await MariaDbServer.GetSharedAsync();
        await using var first = await server.CreateDatabaseAsync("same prefix!");
        await using var second = await server.CreateDatabaseAsync("same prefix!");

        await ExecuteAsync(first.ConnectionString, "CREATE TABLE only_here (id INT)");

        Assert.NotEqual(first.Name, second.Name);
        Assert.StartsWith("sameprefix_", second.Name, StringComparison.Ordinal);
        Assert.Equal(0L, Convert.ToInt64(await ScalarAsync(second.ConnectionString, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
