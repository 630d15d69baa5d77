using MySqlConnector;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Asks the membership database for a <c>SELECT 1</c>: while it is down, silos keep rendering but cannot notice silos
/// joining or dying, and the status says so instead of going blank.
/// </summary>
public sealed class MembershipDatabaseProbe(string connectionString)
{
    public const string Unreachable = "the membership database is unreachable";

    private readonly string connectionString = new MySqlConnectionStringBuilder(connectionString) { ConnectionTimeout = 1 }.ConnectionString;

    /// <summary>Null when the database answers; otherwise <see cref="Unreachable"/> and the driver's reason.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            return $"{Unreachable} ({e.Message.TrimEnd('.')})";
        }
    }
}
