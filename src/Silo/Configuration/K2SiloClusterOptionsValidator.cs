using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Configuration;

/// <summary>Checks <see cref="K2SiloClusterOptions"/>; every message names its <c>Cluster</c> key.</summary>
public sealed class K2SiloClusterOptionsValidator : IValidateOptions<K2SiloClusterOptions>
{
    private const string Prefix = K2SiloClusterOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, K2SiloClusterOptions options) =>
        Problems(options).Concat(DefunctSiloProblems(options)).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(K2SiloClusterOptions options)
    {
        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(500) || options.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{Prefix}ProbeTimeout must be 00:00:00.5..00:01:00, is {options.ProbeTimeout}";
        }

        if (options.MissedProbesLimit is < 1 or > 10)
        {
            yield return $"{Prefix}MissedProbesLimit must be 1..10, is {options.MissedProbesLimit}";
        }

        if (options.VotesForDeath is < 1 or > 10)
        {
            yield return $"{Prefix}VotesForDeath must be 1..10, is {options.VotesForDeath}";
        }

        if (options.StartupTimeout < TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromHours(24))
        {
            yield return $"{Prefix}StartupTimeout must be 00:00:00..1.00:00:00, is {options.StartupTimeout}";
        }

        if (options.HeartbeatPeriod < TimeSpan.FromSeconds(1) || options.HeartbeatPeriod > TimeSpan.FromMinutes(5))
        {
            yield return $"{Prefix}HeartbeatPeriod must be 00:00:01..00:05:00, is {options.HeartbeatPeriod}";
        }
    }

    private static IEnumerable<string> DefunctSiloProblems(K2SiloClusterOptions options)
    {
        var retention = options.DefunctSiloMinimumRetention;
        if (retention < TimeSpan.FromSeconds(1) || retention > TimeSpan.FromDays(1))
        {
            yield return $"{Prefix}DefunctSiloMinimumRetention must be 00:00:01..1.00:00:00, is {retention}";
        }

        if (options.DefunctSiloExpiration < retention || options.DefunctSiloExpiration > TimeSpan.FromDays(365))
        {
            yield return $"{Prefix}DefunctSiloExpiration must be {Prefix}DefunctSiloMinimumRetention ({retention})..365.00:00:00, is {options.DefunctSiloExpiration}";
        }

        if (options.DefunctSiloCleanupPeriod < TimeSpan.FromSeconds(1) || options.DefunctSiloCleanupPeriod > TimeSpan.FromDays(7))
        {
            yield return $"{Prefix}DefunctSiloCleanupPeriod must be 00:00:01..7.00:00:00, is {options.DefunctSiloCleanupPeriod}";
        }

        if (options.MaxDefunctSiloEntries is < 0 or > 10_000)
        {
            yield return $"{Prefix}MaxDefunctSiloEntries must be 0..10000, is {options.MaxDefunctSiloEntries}";
        }
    }
}
