using MySqlConnector;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>One row of Orleans' membership table: a silo generation and its status (3 active, 6 dead).</summary>
public sealed record MemberRow(int Port, int Generation, int Status)
{
    public const int Active = 3;
    public const int Dead = 6;

    public static async Task<IReadOnlyList<MemberRow>> ReadAsync(string connectionString, string clusterId)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT Port, Generation, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<MemberRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new MemberRow(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return rows;
    }
}
