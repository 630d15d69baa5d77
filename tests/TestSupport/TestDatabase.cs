using MySqlConnector;

namespace K2Orleans.TestSupport;

/// <summary>A fresh, empty database of its own for one test or test class; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    internal TestDatabase(string name, string adminConnectionString)
    {
        Name = name;
        this.adminConnectionString = adminConnectionString;
        ConnectionString = new MySqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>Connects to this database with the server's admin account.</summary>
    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new MySqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"DROP DATABASE IF EXISTS `{Name}`", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (MySqlException)
        {
            // The server was stopped by the test; a throwaway server's data directory goes at exit anyway.
        }
    }
}
