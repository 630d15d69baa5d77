using MySqlConnector;

namespace K2Orleans.Silo.Startup;

/// <summary>Reads Orleans' membership table directly, before the silo's own membership provider starts.</summary>
public static class MembershipRows
{
    private const int SiloStatusActive = 3;

    /// <summary>"silo NAME on host HOST" of an active row at this address and port; null when there is none (or no table yet).</summary>
    public static async Task<string?> ActiveOwnerAsync(string connectionString, string clusterId, string address, int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(
                "SELECT SiloName, HostName FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Address = @address AND Port = @port AND Status = @active " +
                "ORDER BY Generation DESC LIMIT 1",
                connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            command.Parameters.AddWithValue("address", address);
            command.Parameters.AddWithValue("port", port);
            command.Parameters.AddWithValue("active", SiloStatusActive);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? $"silo '{reader.GetString(0)}' on host '{reader.GetString(1)}'" : null;
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return null;   // a fresh database whose schema Storage:InstallSchema installs next: no member yet
        }
    }
}
