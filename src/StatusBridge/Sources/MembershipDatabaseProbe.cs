using MySqlConnector;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Asks the membership database for a <c>SELECT 1</c>: while it is down, silos keep rendering but cannot notice silos
/// joining or dying, and the status says so instead of going blank.
/// </summary>
public sealed class MembershipDatabaseProbe(string connectionString)
{
    public const string Unreachable = "the membership database is unreachable";

    /// <summary>
    /// How long the probe waits for an answer: well inside the status request timeout (2 s), so a database whose
    /// packets vanish (a cut link, not a refused port) is reported as such rather than making the whole status read
    /// time out. A fresh connection each time: a pooled one would wait for its dead TCP peer instead.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    private readonly string connectionString = new MySqlConnectionStringBuilder(connectionString)
    {
        ConnectionTimeout = (uint)Deadline.TotalSeconds, DefaultCommandTimeout = (uint)Deadline.TotalSeconds, Pooling = false,
    }.ConnectionString;

    /// <summary>Null when the database answers; otherwise <see cref="Unreachable"/> and the driver's reason.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var query = QueryAsync(cancellationToken);
        try
        {
            await query.WaitAsync(Deadline, cancellationToken);
            return null;
        }
        catch (TimeoutException)
        {
            // The abandoned query ends within its own timeouts; its outcome no longer matters.
            _ = query.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return $"{Unreachable} (no answer within {Deadline.TotalSeconds:0} s)";
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            return $"{Unreachable} ({e.Message.TrimEnd('.')})";
        }
    }

    private async Task QueryAsync(CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
