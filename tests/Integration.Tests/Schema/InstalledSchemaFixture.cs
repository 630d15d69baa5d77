using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.Integration.Tests.Schema;

/// <summary>A fresh database with the project's schema installed, for tests that run the query texts directly.</summary>
public sealed class InstalledSchemaFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public OrleansQueryRunner Queries { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        _database = await server.CreateDatabaseAsync("queries");
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(_database.ConnectionString, CancellationToken.None);
        Queries = new OrleansQueryRunner(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
