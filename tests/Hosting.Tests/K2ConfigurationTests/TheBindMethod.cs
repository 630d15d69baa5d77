using Microsoft.Extensions.Configuration;

namespace K2Orleans.Hosting.Tests.K2ConfigurationTests;

public sealed class TheBindMethod
{
    [Fact]
    public void ShouldNameAnUnknownKeyOfTheSection()
    {
        var errors = new List<string>();

        K2ClusterOptions.Bind(Configuration(("Cluster:GatewayPrt", "30001")), errors);

        Assert.Contains("GatewayPrt", Assert.Single(errors), StringComparison.Ordinal);
        Assert.StartsWith("Cluster: ", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheKeyOfAValueOfTheWrongType()
    {
        var errors = new List<string>();

        K2ClusterOptions.Bind(Configuration(("Cluster:SiloPort", "eleven")), errors);

        Assert.Contains("Cluster:SiloPort", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldLeaveTheSilosOwnKeysToTheSiloWhenAClientReadsTheSection()
    {
        var errors = new List<string>();

        var cluster = K2ClusterOptions.Bind(Configuration(("Cluster:GatewayPort", "30001"), ("Cluster:ProbeTimeout", "not a time"), ("Cluster:MaxDefunctSiloEntries", "5")), errors);

        Assert.Empty(errors);
        Assert.Equal(30001, cluster.GatewayPort);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
        .Build();
}
