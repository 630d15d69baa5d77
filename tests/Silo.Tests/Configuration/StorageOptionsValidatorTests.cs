using K2Orleans.Hosting;
using K2Orleans.Silo.Storage;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Tests.Configuration;

public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void ShouldRefuseStoragePerHostInAMySqlCluster() => Assert.Equal(
        ["Storage:Provider must be MySql when Cluster:Mode is MySql, is 'Sqlite' (leave it out to follow the cluster)"],
        Problems(new StorageOptions { Provider = "Sqlite" }, new K2ClusterOptions { Mode = "MySql", ConnectionString = "Server=db;Database=k2;User ID=k2;Password=x" }));

    [Fact]
    public void ShouldNameTheKeyOfEveryBadValue() => Assert.Equal(
        ["Storage:Provider must be Sqlite, MySql or Memory, is 'Redis'", "Storage:InstallSchema applies to MySql storage only, but Storage:Provider is 'Redis'"],
        Problems(new StorageOptions { Provider = "Redis", InstallSchema = true }, new K2ClusterOptions()));

    [Fact]
    public void ShouldAcceptTheEmbeddedDefault() => Assert.Empty(Problems(new StorageOptions(), new K2ClusterOptions()));

    private static IEnumerable<string> Problems(StorageOptions options, K2ClusterOptions cluster) =>
        new StorageOptionsValidator(Options.Create(cluster)).Validate(null, options).Failures ?? [];
}
