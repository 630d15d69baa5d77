using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.Integration.Tests.Schema;

/// <summary>A fresh database with the project's schema installed, for tests that run the query texts directly.</summary>
public sealed class InstalledSchemaFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public OrleansQueryRunner Queries { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        database = await server.CreateDatabaseAsync("queries");
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(database.ConnectionString, CancellationToken.None);
        Queries = new OrleansQueryRunner(database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
