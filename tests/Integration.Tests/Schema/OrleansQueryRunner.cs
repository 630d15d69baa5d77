using MySqlConnector;

namespace K2Orleans.Integration.Tests.Schema;

/// <summary>
/// Runs an installed Orleans query text by key the way the ADO.NET providers do: parameters named
/// without prefix, every result set of the multi-statement text read into one list of rows.
/// </summary>
public sealed class OrleansQueryRunner(string connectionString)
{
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> RunAsync(string queryKey, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(await ReadQueryTextAsync(connection, queryKey), connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var column = 0; column < reader.FieldCount; column++)
                {
                    row[reader.GetName(column)] = reader.IsDBNull(column) ? null : reader.GetValue(column);
                }

                rows.Add(row);
            }
        }
        while (await reader.NextResultAsync());

        return rows;
    }

    /// <summary>The single value of a query whose whole result is one row of one column.</summary>
    public async Task<object?> ScalarAsync(string queryKey, params (string Name, object? Value)[] parameters)
    {
        var row = Assert.Single(await RunAsync(queryKey, parameters));
        return Assert.Single(row).Value;
    }

    private static async Task<string> ReadQueryTextAsync(MySqlConnection connection, string queryKey)
    {
        await using var lookup = new MySqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        lookup.Parameters.AddWithValue("key", queryKey);
        return await lookup.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException($"OrleansQuery has no row {queryKey}.");
    }
}
