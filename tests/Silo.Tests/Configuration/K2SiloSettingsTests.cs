using K2Orleans.Silo.Configuration;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.Silo.Tests.Configuration;

/// <summary>The silo's configuration in MySql mode: storage follows the cluster, liveness keys are checked.</summary>
public sealed class K2SiloSettingsTests
{
    private const string Database = "Server=db.example;Database=k2orleans;User ID=k2;Password=secret";

    [Fact]
    public void ShouldKeepStateInMySqlWhenTheClusterIsMySqlAndStorageIsNotConfigured()
    {
        var settings = K2SiloSettings.Load(Configuration(("Cluster:Mode", "MySql"), ("Cluster:ConnectionString", Database)));

        Assert.Equal("MySql", settings.Storage.Provider);
        Assert.Equal(Database, settings.Storage.MySqlConnectionString(settings.Cluster));
    }

    [Fact]
    public void ShouldKeepTheSqliteDefaultOnOneHost()
    {
        var settings = K2SiloSettings.Load(Configuration());

        Assert.Equal("Sqlite", settings.Storage.Provider);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Memory")]
    public void ShouldRefuseStorageOfOneHostInAMySqlClusterNamingTheKey(string provider)
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"), ("Cluster:ConnectionString", Database), ("Storage:Provider", provider))));

        var message = Assert.Single(error.Errors);
        Assert.StartsWith("Storage:Provider must be MySql when Cluster:Mode is MySql", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldListEveryBadLivenessKey()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"),
            ("Cluster:ConnectionString", Database),
            ("Cluster:ProbeTimeout", "00:00:00.1"),
            ("Cluster:MissedProbesLimit", "0"),
            ("Cluster:VotesForDeath", "11"),
            ("Cluster:HeartbeatPeriod", "00:10:00"))));

        Assert.Equal(
            ["Cluster:ProbeTimeout", "Cluster:MissedProbesLimit", "Cluster:VotesForDeath", "Cluster:HeartbeatPeriod"],
            error.Errors.Select(e => e[..e.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void ShouldListEveryBadDefunctSiloKey()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"),
            ("Cluster:ConnectionString", Database),
            ("Cluster:DefunctSiloMinimumRetention", "00:00:00"),
            ("Cluster:DefunctSiloExpiration", "400.00:00:00"),
            ("Cluster:DefunctSiloCleanupPeriod", "8.00:00:00"),
            ("Cluster:MaxDefunctSiloEntries", "-1"))));

        Assert.Equal(
            ["Cluster:DefunctSiloMinimumRetention", "Cluster:DefunctSiloExpiration", "Cluster:DefunctSiloCleanupPeriod", "Cluster:MaxDefunctSiloEntries"],
            error.Errors.Select(e => e[..e.IndexOf(' ', StringComparison.Ordinal)]));
    }

    [Fact]
    public void ShouldRefuseAnExpirationShorterThanTheMinimumRetention()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"),
            ("Cluster:ConnectionString", Database),
            ("Cluster:DefunctSiloMinimumRetention", "00:10:00"),
            ("Cluster:DefunctSiloExpiration", "00:05:00"))));

        Assert.StartsWith("Cluster:DefunctSiloExpiration must be Cluster:DefunctSiloMinimumRetention", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server=db;User ID=k2", "names no database")]
    [InlineData("Server=db;Database=k2;Colour=blue", "is not a MySQL connection string")]
    public void ShouldRefuseAnUnusableConnectionStringNamingTheKey(string connectionString, string reason)
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"), ("Cluster:ConnectionString", connectionString))));

        Assert.Contains(error.Errors, e => e.StartsWith("Cluster:ConnectionString " + reason, StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldRefuseSchemaInstallationWithoutMySqlStorage()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(("Storage:InstallSchema", "true"))));

        Assert.StartsWith("Storage:InstallSchema applies to MySql storage only", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
