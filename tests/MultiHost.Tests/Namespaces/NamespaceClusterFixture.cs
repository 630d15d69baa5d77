using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// Four hosts on a bridge of the tests' own: MariaDB on <c>db</c>, one silo host each on <c>s1</c>..<c>s3</c>. Every test
/// of the class takes its own database and silos on these hosts; the network and the server live for the class.
/// </summary>
public sealed class NamespaceClusterFixture : IAsyncLifetime
{
    public const string DatabaseHost = "db";

    public static readonly string[] SiloHostNames = ["s1", "s2", "s3"];

    public HostNetwork Network { get; private set; } = null!;

    public MariaDbServer Server { get; private set; } = null!;

    public FailoverFigures Figures { get; } = new();

    /// <summary>The silo hosts, in the order of <see cref="SiloHostNames"/>.</summary>
    public IReadOnlyList<NetworkHost> SiloHosts => [.. SiloHostNames.Select(name => Network[name])];

    public async Task InitializeAsync()
    {
        Network = HostNetwork.Create([DatabaseHost, .. SiloHostNames]);
        try
        {
            Server = await MariaDbServer.StartPrivateAsync(Network[DatabaseHost]);
        }
        catch
        {
            Network.Dispose();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Network?.Dispose();
    }
}
