using Xunit;

namespace K2Orleans.TestSupport;

/// <summary>Class fixture giving a test class its own fresh database on the shared test server.</summary>
public sealed class MariaDbDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public MariaDbServer Server { get; private set; } = null!;

    public TestDatabase Database => database ?? throw new InvalidOperationException("The fixture is not initialised yet.");

    public async Task InitializeAsync()
    {
        Server = await MariaDbServer.GetSharedAsync();
        database = await Server.CreateDatabaseAsync("k2");
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
