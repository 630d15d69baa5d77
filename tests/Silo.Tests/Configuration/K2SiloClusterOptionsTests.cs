using K2Orleans.Hosting;
using K2Orleans.Silo.Configuration;

namespace K2Orleans.Silo.Tests.Configuration;

public sealed class K2SiloClusterOptionsTests
{
    [Fact]
    public void ShouldReadExactlyTheKeysClientsLeaveToTheSilo() => Assert.Equal(
        K2ClusterOptions.SiloKeys.Order(StringComparer.Ordinal),
        typeof(K2SiloClusterOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void ShouldShareNoKeyWithTheClientsOptions() => Assert.Empty(
        typeof(K2ClusterOptions).GetProperties().Select(p => p.Name).Intersect(K2ClusterOptions.SiloKeys));

    [Fact]
    public void ShouldNameTheKeyOfABadValue() => Assert.Equal(
        ["Cluster:StartupTimeout must be 00:00:00..1.00:00:00, is -00:00:01"],
        new K2SiloClusterOptionsValidator().Validate(null, new K2SiloClusterOptions { StartupTimeout = TimeSpan.FromSeconds(-1) }).Failures ?? []);
}
