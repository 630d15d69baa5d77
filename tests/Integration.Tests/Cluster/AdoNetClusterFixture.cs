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
    private TestDatabase? _database;
    private IHost? _silo;
    private IHost? _client;

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public string ClusterId { get; } = TestHosts.NewClusterId();

    public IClusterClient Client => _client?.Services.GetRequiredService<IClusterClient>() ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        _database = await server.CreateDatabaseAsync("cluster");
        await new MySqlSchemaInstaller(NullLogger<MySqlSchemaInstaller>.Instance).InstallAsync(_database.ConnectionString, CancellationToken.None);
        _silo = await TestHosts.StartSiloAsync(_database.ConnectionString, ClusterId);
        _client = await TestHosts.StartClientAsync(_database.ConnectionString, ClusterId);
    }

    public async Task DisposeAsync()
    {
        await TestHosts.StopAsync(_client);
        await TestHosts.StopAsync(_silo);
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
