using K2Orleans.Hosting;

namespace K2Orleans.Silo.Storage;

/// <summary>The <c>Storage</c> section: where job state lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>Sqlite</c> (a file; the embedded default), <c>MySql</c> (production) or <c>Memory</c> (lost on exit).
    /// Left out, it follows <c>Cluster:Mode</c>: MySql clusters keep their state in MySQL too.
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file, relative to the working folder.</summary>
    public string SqlitePath { get; set; } = "data/k2orleans.db";

    /// <summary>MySQL connection string; empty means the one of <c>Cluster:ConnectionString</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Run the project's MySQL scripts when the silo starts (creates missing tables, rewrites query texts). Off by
    /// default so the silos' database account needs no DDL rights: run <c>k2 db init</c> once per install or upgrade.
    /// </summary>
    public bool InstallSchema { get; set; }

    /// <summary>The MySQL connection string grain state uses.</summary>
    public string MySqlConnectionString(K2ClusterOptions cluster) =>
        string.IsNullOrWhiteSpace(ConnectionString) ? cluster.ConnectionString : ConnectionString;

    /// <summary>The storage a cluster gets when <c>Storage:Provider</c> is not configured.</summary>
    public static string DefaultProviderFor(K2ClusterOptions cluster) => cluster.IsMySql ? "MySql" : "Sqlite";
}
