using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace K2Orleans.Silo.Storage;

/// <summary>
/// Installs or upgrades the project's schema for Orleans' ADO.NET providers (clustering, grain
/// storage, reminders) in a MySQL or MariaDB database, from the scripts in sql/mysql.
/// The scripts are idempotent, so this is safe on every start and from several silos at once:
/// missing tables are created, existing ones are kept, and the query texts are rewritten.
/// </summary>
public sealed partial class MySqlSchemaInstaller(ILogger<MySqlSchemaInstaller> logger)
{
    /// <summary>The ADO.NET invariant under which Orleans loads MySqlConnector.</summary>
    public const string AdoNetInvariant = "MySql.Data.MySqlConnector";

    private const string QueryTable = "OrleansQuery";

    /// <summary>Runs every script in order against the database named in <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed or names no database.</exception>
    /// <exception cref="InvalidOperationException">A script failed; the message names it and the server's error.</exception>
    public async Task<SchemaInstallReport> InstallAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var database = new MySqlConnectionStringBuilder(connectionString).Database;
        if (string.IsNullOrWhiteSpace(database))
        {
            throw new ArgumentException(
                "The MySQL connection string names no database (Database=...); the Orleans tables are created in that database.",
                nameof(connectionString));
        }

        var scripts = MySqlSchemaScript.LoadAll();
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        var tablesBefore = await ReadTableNamesAsync(connection, cancellationToken);
        var queriesBefore = tablesBefore.Contains(QueryTable)
            ? await ReadQueriesAsync(connection, cancellationToken)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var script in scripts)
        {
            LogRunningScript(script.Name, database);
            try
            {
                await using var command = new MySqlCommand(script.Text, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (MySqlException exception)
            {
                throw new InvalidOperationException(
                    $"MySQL schema script {script.Name} failed in database '{database}': {exception.Message}", exception);
            }
        }

        var tablesAfter = await ReadTableNamesAsync(connection, cancellationToken);
        var expectedTables = scripts.SelectMany(script => script.Tables).ToList();
        var missing = expectedTables.Where(table => !tablesAfter.Contains(table)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"After running the MySQL schema scripts, database '{database}' still lacks: {string.Join(", ", missing)}.");
        }

        var queriesAfter = await ReadQueriesAsync(connection, cancellationToken);
        var report = new SchemaInstallReport(
            Scripts: [.. scripts.Select(script => script.Name)],
            TablesCreated: [.. expectedTables.Where(table => !tablesBefore.Contains(table))],
            TablesAlreadyPresent: [.. expectedTables.Where(tablesBefore.Contains)],
            QueriesInserted: [.. queriesAfter.Keys.Where(key => !queriesBefore.ContainsKey(key)).Order(StringComparer.Ordinal)],
            QueriesUpdated: [.. queriesAfter
                .Where(query => queriesBefore.TryGetValue(query.Key, out var old) && old != query.Value)
                .Select(query => query.Key).Order(StringComparer.Ordinal)],
            QueriesUnchanged: [.. queriesAfter
                .Where(query => queriesBefore.TryGetValue(query.Key, out var old) && old == query.Value)
                .Select(query => query.Key).Order(StringComparer.Ordinal)]);
        LogInstalled(database, report);
        return report;
    }

    // Case-insensitive because a server with lower_case_table_names = 1 reports names in lower case.
    private static async Task<HashSet<string>> ReadTableNamesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<Dictionary<string, string>> ReadQueriesAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand($"SELECT QueryKey, QueryText FROM {QueryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            queries[reader.GetString(0)] = reader.GetString(1);
        }

        return queries;
    }
}
