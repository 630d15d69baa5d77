namespace K2Orleans.Hosting.Tests;

/// <summary>The <c>Cluster</c> keys every host reads: each bad value is refused with its key named.</summary>
public sealed class K2ClusterOptionsValidatorTests
{
    private static readonly Dictionary<string, Action<K2ClusterOptions>> BadValues = new()
    {
        ["Mode"] = o => o.Mode = "Sql",
        ["ConnectionString"] = o => o.Mode = "MySql",
        ["ClusterId"] = o => o.ClusterId = "",
        ["ServiceId"] = o => o.ServiceId = new string('s', 151),
        ["SiloPort"] = o => o.SiloPort = 0,
        ["GatewayPort"] = o => o.GatewayPort = o.SiloPort,
        ["AdvertisedAddress"] = o => o.AdvertisedAddress = "silo-1",
        ["TlsCertificatePath"] = o => o.TlsCertificatePath = "/nonexistent/cluster.pfx",
    };

    [Fact]
    public void ShouldAcceptTheDefaults() => Assert.Empty(Problems(new K2ClusterOptions()));

    [Theory]
    [InlineData("Mode", "Cluster:Mode must be Localhost or MySql, is 'Sql'")]
    [InlineData("ConnectionString", "Cluster:ConnectionString is required when Cluster:Mode is MySql")]
    [InlineData("ClusterId", "Cluster:ClusterId must be 1..150 characters")]
    [InlineData("ServiceId", "Cluster:ServiceId must be 1..150 characters")]
    [InlineData("SiloPort", "Cluster:SiloPort must be 1..65535, is 0")]
    [InlineData("GatewayPort", "Cluster:GatewayPort must be 1..65535 and differ from SiloPort, is 11111")]
    [InlineData("AdvertisedAddress", "Cluster:AdvertisedAddress must be an IP address, is 'silo-1'")]
    [InlineData("TlsCertificatePath", "Cluster:TlsCertificatePath '/nonexistent/cluster.pfx' cannot be loaded")]
    public void ShouldNameTheKeyOfABadValue(string key, string expected)
    {
        var options = new K2ClusterOptions();
        BadValues[key](options);

        Assert.StartsWith(expected, Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAPrimarySiloPortInMySqlMode()
    {
        var options = new K2ClusterOptions { Mode = "MySql", ConnectionString = "Server=db;Database=k2", PrimarySiloPort = 11112 };

        Assert.StartsWith("Cluster:PrimarySiloPort applies to Cluster:Mode Localhost only", Assert.Single(Problems(options)), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Problems(K2ClusterOptions options) =>
        new K2ClusterOptionsValidator().Validate(null, options).Failures ?? [];
}
