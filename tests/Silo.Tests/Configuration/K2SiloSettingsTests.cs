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

    [Theory]
    [InlineData("Cluster:ProbeTimeout=00:00:00.1", "Cluster:MissedProbesLimit=0", "Cluster:VotesForDeath=11", "Cluster:HeartbeatPeriod=00:10:00")]
    [InlineData("Cluster:DefunctSiloMinimumRetention=00:00:00", "Cluster:DefunctSiloExpiration=400.00:00:00", "Cluster:DefunctSiloCleanupPeriod=8.00:00:00", "Cluster:MaxDefunctSiloEntries=-1")]
    public void ShouldListEveryBadSiloOnlyClusterKeyInOrder(params string[] bad)
    {
        var values = bad.Select(b => b.Split('=', 2)).Select(p => (Key: p[0], Value: p[1])).ToArray();
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            [("Cluster:Mode", "MySql"), ("Cluster:ConnectionString", Database), .. values])));

        Assert.Equal(
            values.Select(v => v.Key),
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

    [Fact]
    public void ShouldNameAnUnknownClusterKeyOnceAmongTheSilosOwnKeys()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(("Cluster:ProbeTimout", "00:00:02"), ("Cluster:ProbeTimeout", "00:00:03"))));

        Assert.Contains("ProbeTimout", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldBindTheSilosOwnClusterKeysBesideTheSharedOnes()
    {
        var settings = K2SiloSettings.Load(Configuration(("Cluster:GatewayPort", "30002"), ("Cluster:ProbeTimeout", "00:00:03")));

        Assert.Equal((30002, TimeSpan.FromSeconds(3)), (settings.Cluster.GatewayPort, settings.SiloCluster.ProbeTimeout));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
