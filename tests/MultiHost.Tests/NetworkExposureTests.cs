using System.Globalization;
using K2Orleans.MultiHost.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests;

/// <summary>A MySql-mode silo listens where the operator said, not on every interface of the host.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class NetworkExposureTests(MariaDbFixture mariaDb)
{
    [Fact]
    public async Task ShouldListenOnlyOnTheAdvertisedAddress()
    {
        await using var cluster = await MySqlCluster.CreateAsync(mariaDb.Server, silos: 1, renderLimit: 1, installSchemaAtStart: true);
        await cluster.StartAllAsync();
        var silo = cluster.Silos[0];
        int[] ports = [silo.SiloPort, int.Parse(silo.Environment["K2__Cluster__GatewayPort"], CultureInfo.InvariantCulture)];

        var listening = ListeningSockets.On(ports);

        // Both ports listen, and only on 127.0.0.1 (the test's advertised address): never 0.0.0.0 or [::].
        Assert.Equal(ports.Order(), listening.Select(l => l.Port).Distinct().Order());
        Assert.All(listening, l => Assert.Equal("127.0.0.1", l.Address));
    }
}
