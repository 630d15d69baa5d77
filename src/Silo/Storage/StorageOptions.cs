namespace K2Orleans.Silo.Storage;

/// <summary>The <c>Storage</c> section: where job state lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (a file; the embedded default), <c>MySql</c> (production) or <c>Memory</c> (lost on exit).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file, relative to the working folder.</summary>
    public string SqlitePath { get; set; } = "data/k2orleans.db";

    /// <summary>MySQL connection string; empty means the one of <c>Cluster:ConnectionString</c>.</summary>
    public string ConnectionString { get; set; } = "";

    public IEnumerable<string> Validate(string clusterConnectionString)
    {
        if (Provider is not ("Sqlite" or "MySql" or "Memory"))
        {
            yield return $"{SectionName}:Provider must be Sqlite, MySql or Memory, is '{Provider}'";
        }

        if (Provider == "Sqlite" && string.IsNullOrWhiteSpace(SqlitePath))
        {
            yield return $"{SectionName}:SqlitePath must be a file path";
        }

        if (Provider == "MySql" && string.IsNullOrWhiteSpace(ConnectionString) && string.IsNullOrWhiteSpace(clusterConnectionString))
        {
            yield return $"{SectionName}:ConnectionString (or Cluster:ConnectionString) is required for MySql storage";
        }
    }
}
