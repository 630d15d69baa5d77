using K2Orleans.Silo.Configuration;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.Silo.Tests.Configuration;

/// <summary><c>Cluster:PrimarySiloPort</c>: a second silo on one host joins the first, with state in shared memory grains.</summary>
public sealed class PrimarySiloPortTests
{
    [Fact]
    public void ShouldBeThePrimaryWhenTheKeyIsLeftOut()
    {
        var settings = K2SiloSettings.Load(Configuration());

        Assert.Equal(0, settings.Cluster.PrimarySiloPort);
        Assert.False(settings.Cluster.JoinsPrimary);
    }

    [Fact]
    public void ShouldJoinThePrimaryOnItsPortWithMemoryStorage()
    {
        var settings = K2SiloSettings.Load(Configuration(
            ("Cluster:SiloPort", "11112"), ("Cluster:GatewayPort", "30001"), ("Cluster:PrimarySiloPort", "11111"), ("Storage:Provider", "Memory")));

        Assert.True(settings.Cluster.JoinsPrimary);
        Assert.Equal(11111, settings.Cluster.PrimarySiloPort);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("11111")]   // the default SiloPort: the silo would join itself
    [InlineData("30000")]   // the default GatewayPort: this silo listens there, so no primary can
    public void ShouldRefuseAPortThatCannotBeAnotherSilosNamingTheKey(string port)
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:PrimarySiloPort", port), ("Storage:Provider", "Memory"))));

        Assert.StartsWith($"Cluster:PrimarySiloPort must be 0 (this silo is the primary) or 1..65535 and differ from SiloPort and GatewayPort, is {port}", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseThePortInAMySqlCluster()
    {
        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(
            ("Cluster:Mode", "MySql"), ("Cluster:ConnectionString", "Server=db;Database=k2;User ID=k2"), ("Cluster:PrimarySiloPort", "11112"))));

        Assert.StartsWith("Cluster:PrimarySiloPort applies to Cluster:Mode Localhost only", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Sqlite")]
    public void ShouldRefuseStorageOfItsOwnWhenJoiningNamingTheKey(string? provider)
    {
        (string, string)[] values = provider is null
            ? [("Cluster:PrimarySiloPort", "11112")]
            : [("Cluster:PrimarySiloPort", "11112"), ("Storage:Provider", provider)];

        var error = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Configuration(values)));

        Assert.Equal("Storage:Provider must be Memory when Cluster:PrimarySiloPort is set, is 'Sqlite'", Assert.Single(error.Errors));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
