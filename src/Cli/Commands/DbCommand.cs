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
    public static Command Create(CliContext context)
    {
        var connection = new Option<string>("--connection")
        {
            Description = "MySQL connection string naming the database (default: Cluster:ConnectionString from the configuration)",
        };
        var init = new Command("init", "Create or upgrade the MySQL tables and queries of a multi-host cluster (safe to run again)") { connection };
        init.SetAction((parse, cancellation) => InitAsync(context, parse.GetValue(connection), cancellation));
        return new Command("db", "The MySQL database of a multi-host cluster") { init };
    }

    private static async Task<int> InitAsync(CliContext context, string? connectionString, CancellationToken cancellation)
    {
        connectionString ??= context.Configuration[$"{K2ClusterOptions.SectionName}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await context.Error.WriteLineAsync("no connection string: pass --connection \"Server=...;Database=...;User ID=...;Password=...\" or set Cluster:ConnectionString");
            return ExitCodes.BadInput;
        }

        if (K2ClusterOptions.MySqlConnectionStringProblem(connectionString) is { } problem)
        {
            await context.Error.WriteLineAsync($"the connection string {problem}");
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
            await context.Error.WriteLineAsync($"cannot reach the MySQL server for {where}: {e.Message}");
            return ExitCodes.Unreachable;
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.AccessDenied or MySqlErrorCode.UnknownDatabase or MySqlErrorCode.DatabaseAccessDenied)
        {
            await context.Error.WriteLineAsync($"{where}: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException)
        {
            await context.Error.WriteLineAsync($"{where}: {e.Message}");
            return ExitCodes.SomeFailed;
        }

        Print(context.Out, where, report);
        return ExitCodes.Success;
    }

    private static void Print(TextWriter output, string where, SchemaInstallReport report)
    {
        output.WriteLine($"{where}: {(report.WasUpToDate ? "schema already up to date" : "schema installed")}");
        output.WriteLine($"  scripts run:            {List(report.Scripts)}");
        output.WriteLine($"  tables created:         {List(report.TablesCreated)}");
        output.WriteLine($"  tables already present: {List(report.TablesAlreadyPresent)}");
        output.WriteLine($"  queries inserted:       {Count(report.QueriesInserted)}");
        output.WriteLine($"  queries updated:        {Count(report.QueriesUpdated)}");
        output.WriteLine($"  queries unchanged:      {report.QueriesUnchanged.Count}");
    }

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Count(IReadOnlyList<string> items) => items.Count == 0 ? "0" : $"{items.Count} ({string.Join(", ", items)})";
}
