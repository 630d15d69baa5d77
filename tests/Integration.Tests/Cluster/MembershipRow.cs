using MySqlConnector;

namespace K2Orleans.Integration.Tests.Cluster;

/// <summary>A row of OrleansMembershipTable, read straight from the database.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, int Status, int ProxyPort)
{
    public const int Active = 3;
    public const int Dead = 6;

    public static async Task<IReadOnlyList<MembershipRow>> ReadAsync(string connectionString, string clusterId)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT Address, Port, Generation, Status, ProxyPort FROM OrleansMembershipTable WHERE DeploymentId = @cluster",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MembershipRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MembershipRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }
}
