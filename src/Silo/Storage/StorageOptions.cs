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

    public IEnumerable<string> Validate(K2ClusterOptions cluster)
    {
        if (Provider is not ("Sqlite" or "MySql" or "Memory"))
        {
            yield return $"{SectionName}:Provider must be Sqlite, MySql or Memory, is '{Provider}'";
        }

        if (cluster.IsMySql && Provider != "MySql")
        {
            // Silos on several hosts must read one job state; a file or memory per host would run jobs twice.
            yield return $"{SectionName}:Provider must be MySql when {K2ClusterOptions.SectionName}:Mode is MySql, is '{Provider}' (leave it out to follow the cluster)";
        }

        if (cluster.JoinsPrimary && Provider != "Memory")
        {
            // Memory storage lives in grains the silos share; a SQLite file per silo would give each its own job state.
            yield return $"{SectionName}:Provider must be Memory when {K2ClusterOptions.SectionName}:PrimarySiloPort is set, is '{Provider}'";
        }

        if (Provider == "Sqlite" && string.IsNullOrWhiteSpace(SqlitePath))
        {
            yield return $"{SectionName}:SqlitePath must be a file path";
        }

        if (Provider == "MySql" && string.IsNullOrWhiteSpace(MySqlConnectionString(cluster)))
        {
            yield return $"{SectionName}:ConnectionString (or {K2ClusterOptions.SectionName}:ConnectionString) is required for MySql storage";
        }
        else if (Provider == "MySql" && !string.IsNullOrWhiteSpace(ConnectionString)
            && K2ClusterOptions.MySqlConnectionStringProblem(ConnectionString) is { } problem)
        {
            yield return $"{SectionName}:ConnectionString {problem}";
        }

        if (InstallSchema && Provider != "MySql")
        {
            yield return $"{SectionName}:InstallSchema applies to MySql storage only, but {SectionName}:Provider is '{Provider}'";
        }
    }
}
