using K2Orleans.Hosting;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Storage;

/// <summary>
/// Checks the <c>Storage</c> section against the cluster it serves (a MySql cluster needs MySql storage, a primary-silo
/// cluster memory storage); every message names its key.
/// </summary>
public sealed class StorageOptionsValidator(IOptions<K2ClusterOptions> cluster) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var found = Problems(options, cluster.Value).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }

    private static IEnumerable<string> Problems(StorageOptions options, K2ClusterOptions cluster)
    {
        if (options.Provider is not ("Sqlite" or "MySql" or "Memory"))
        {
            yield return $"{StorageOptions.SectionName}:Provider must be Sqlite, MySql or Memory, is '{options.Provider}'";
        }

        if (cluster.IsMySql && options.Provider != "MySql")
        {
            // Silos on several hosts must read one job state; a file or memory per host would run jobs twice.
            yield return $"{StorageOptions.SectionName}:Provider must be MySql when {K2ClusterOptions.SectionName}:Mode is MySql, is '{options.Provider}' (leave it out to follow the cluster)";
        }

        if (cluster.JoinsPrimary && options.Provider != "Memory")
        {
            // Memory storage lives in grains the silos share; a SQLite file per silo would give each its own job state.
            yield return $"{StorageOptions.SectionName}:Provider must be Memory when {K2ClusterOptions.SectionName}:PrimarySiloPort is set, is '{options.Provider}'";
        }

        if (options.Provider == "Sqlite" && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            yield return $"{StorageOptions.SectionName}:SqlitePath must be a file path";
        }

        if (options.Provider == "MySql" && string.IsNullOrWhiteSpace(options.MySqlConnectionString(cluster)))
        {
            yield return $"{StorageOptions.SectionName}:ConnectionString (or {K2ClusterOptions.SectionName}:ConnectionString) is required for MySql storage";
        }
        else if (options.Provider == "MySql" && !string.IsNullOrWhiteSpace(options.ConnectionString)
            && K2ClusterOptions.MySqlConnectionStringProblem(options.ConnectionString) is { } problem)
        {
            yield return $"{StorageOptions.SectionName}:ConnectionString {problem}";
        }

        if (options.InstallSchema && options.Provider != "MySql")
        {
            yield return $"{StorageOptions.SectionName}:InstallSchema applies to MySql storage only, but {StorageOptions.SectionName}:Provider is '{options.Provider}'";
        }
    }
}
