using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Support;

/// <summary>A private throwaway MariaDB for the whole collection: one test stops and starts it.</summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    public MariaDbServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await MariaDbServer.StartPrivateAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
