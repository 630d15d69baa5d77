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
        await using var command = CreateCommand(connection, await ReadQueryTextAsync(connection, queryKey), parameters);
        return await ReadRowsAsync(command);
    }

    /// <summary>The single value of a query whose whole result is one row of one column.</summary>
    public async Task<object?> ScalarAsync(string queryKey, params (string Name, object? Value)[] parameters)
    {
        var row = Assert.Single(await RunAsync(queryKey, parameters));
        return Assert.Single(row).Value;
    }

    /// <summary>
    /// Runs the query once per parameter set, all at the same moment: every connection is opened
    /// and every command built before the first one starts. Returns each run's single value.
    /// </summary>
    public async Task<object?[]> RaceScalarAsync(string queryKey, IEnumerable<(string Name, object? Value)[]> parameterSets)
    {
        var connections = new List<MySqlConnection>();
        try
        {
            var commands = new List<MySqlCommand>();
            foreach (var parameters in parameterSets)
            {
                var connection = new MySqlConnection(connectionString);
                connections.Add(connection);
                await connection.OpenAsync();
                commands.Add(CreateCommand(connection, await ReadQueryTextAsync(connection, queryKey), parameters));
            }

            var results = await Task.WhenAll(commands.Select(command => Task.Run(() => ReadRowsAsync(command))));
            return [.. results.Select(rows => Assert.Single(Assert.Single(rows)).Value)];
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static MySqlCommand CreateCommand(MySqlConnection connection, string text, (string Name, object? Value)[] parameters)
    {
        var command = new MySqlCommand(text, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadRowsAsync(MySqlCommand command)
    {
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

    private static async Task<string> ReadQueryTextAsync(MySqlConnection connection, string queryKey)
    {
        await using var lookup = new MySqlCommand("SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key", connection);
        lookup.Parameters.AddWithValue("key", queryKey);
        return await lookup.ExecuteScalarAsync() as string
            ?? throw new InvalidOperationException($"OrleansQuery has no row {queryKey}.");
    }
}
