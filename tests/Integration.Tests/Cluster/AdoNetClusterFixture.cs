using K2Orleans.Integration.Tests.Hosting;
using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.Integration.Tests.Cluster;

/// <summary>One silo and one client on a fresh database with the project's schema.</summary>
public sealed class AdoNetClusterFixture : IAsyncLifetime
{
    private TestDatabase? database;
    private IHost? silo;
    private IHost? client;

    public string ConnectionString => database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public string ClusterId { get; } = TestHosts.NewClusterId();

    public IClusterClient Client => client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        database = await server.CreateDatabaseAsync("cluster");
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(database.ConnectionString, CancellationToken.None);
        silo = await TestHosts.StartSiloAsync(database.ConnectionString, ClusterId);
        client = await TestHosts.StartClientAsync(database.ConnectionString, ClusterId);
    }

    public async Task DisposeAsync()
    {
        await TestHosts.StopAsync(client);
        await TestHosts.StopAsync(silo);
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
