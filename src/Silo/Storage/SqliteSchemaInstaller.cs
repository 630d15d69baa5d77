using System.Reflection;
using Microsoft.Data.Sqlite;

namespace K2Orleans.Silo.Storage;

/// <summary>Creates (or upgrades) the embedded mode's SQLite file with the project's own persistence script.</summary>
public static class SqliteSchemaInstaller
{
    private const string ScriptResource = "K2Orleans.Silo.sql.sqlite.persistence.sql";

    /// <summary>Connection string for the file, with a busy timeout so a second reader waits instead of failing.</summary>
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static void Install(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            // WAL lets the status readers and the job writers work at the same time.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.CommandText = ReadScript();
        command.ExecuteNonQuery();
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"embedded resource {ScriptResource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
