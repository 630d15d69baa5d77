using System.CommandLine;
using K2Orleans.Silo.Storage;
using K2Orleans.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace K2Orleans.Cli.Commands;

/// <summary>
/// <c>k2 db init [--connection CS]</c>: creates or upgrades the tables and query texts Orleans needs in MySQL
/// (sql/mysql, embedded in the silo). Idempotent, so it is also the upgrade step.
/// </summary>
public static class DbCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection")
        {
            Description = "MySQL connection string naming the database (default: Cluster:ConnectionString from the configuration)",
        };
        var init = new Command("init", "Create or upgrade the MySQL tables and queries of a multi-host cluster (safe to run again)") { connection };
        init.SetAction((parse, cancellation) => InitAsync(parse.GetValue(connection), cancellation));
        return new Command("db", "The MySQL database of a multi-host cluster") { init };
    }

    private static async Task<int> InitAsync(string? connectionString, CancellationToken cancellation)
    {
        connectionString ??= CliCluster.Configuration()[$"{K2ClusterOptions.SectionName}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await System.Console.Error.WriteLineAsync("no connection string: pass --connection \"Server=...;Database=...;User ID=...;Password=...\" or set Cluster:ConnectionString");
            return ExitCodes.BadInput;
        }

        if (K2ClusterOptions.MySqlConnectionStringProblem(connectionString) is { } problem)
        {
            await System.Console.Error.WriteLineAsync($"the connection string {problem}");
            return ExitCodes.BadInput;
        }

        var target = new MySqlConnectionStringBuilder(connectionString);
        var where = $"database '{target.Database}' on {target.Server}:{target.Port}";
        SchemaInstallReport report;
        try
        {
            report = await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(connectionString, cancellation);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.UnableToConnectToHost)
        {
            await System.Console.Error.WriteLineAsync($"cannot reach the MySQL server for {where}: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.AccessDenied or MySqlErrorCode.UnknownDatabase or MySqlErrorCode.DatabaseAccessDenied)
        {
            await System.Console.Error.WriteLineAsync($"{where}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException)
        {
            await System.Console.Error.WriteLineAsync($"{where}: {e.Message}");
            return ExitCodes.SomeFailed;
        }

        Print(where, report);
        return ExitCodes.Success;
    }

    private static void Print(string where, SchemaInstallReport report)
    {
        System.Console.WriteLine($"{where}: {(report.WasUpToDate ? "schema already up to date" : "schema installed")}");
        System.Console.WriteLine($"  scripts run:            {List(report.Scripts)}");
        System.Console.WriteLine($"  tables created:         {List(report.TablesCreated)}");
        System.Console.WriteLine($"  tables already present: {List(report.TablesAlreadyPresent)}");
        System.Console.WriteLine($"  queries inserted:       {Count(report.QueriesInserted)}");
        System.Console.WriteLine($"  queries updated:        {Count(report.QueriesUpdated)}");
        System.Console.WriteLine($"  queries unchanged:      {report.QueriesUnchanged.Count}");
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Count(IReadOnlyList<string> items) => items.Count == 0 ? "0" : $"{items.Count} ({string.Join(", ", items)})";
}
