using System.Globalization;
using K2Orleans.MultiHost.Tests.Support;

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

        var listening = ListeningAddresses(ports);

        // Both ports listen, and only on 127.0.0.1 (the test's advertised address): never 0.0.0.0 or [::].
        Assert.Equal(ports.Order(), listening.Select(l => l.Port).Distinct().Order());
        Assert.All(listening, l => Assert.Equal("127.0.0.1", l.Address));
    }

    /// <summary>Listening TCP sockets on the given ports, from /proc/net/tcp and tcp6 (as `ss -ltn` reads them).</summary>
    private static List<(string Address, int Port)> ListeningAddresses(int[] ports)
    {
        const string Listen = "0A";
        var result = new List<(string, int)>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (address, portHex) = (fields[1][..fields[1].IndexOf(':')], fields[1][(fields[1].IndexOf(':') + 1)..]);
                var port = int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (fields[3] == Listen && ports.Contains(port))
                {
                    result.Add((Decode(address), port));
                }
            }
        }

        return result;
    }

    private static string Decode(string hex) => hex.Length == 8
        ? string.Join('.', Enumerable.Range(0, 4).Select(i => Convert.ToByte(hex.Substring(6 - (2 * i), 2), 16)))
        : hex == new string('0', 32) ? "::" : "ipv6:" + hex;
}
