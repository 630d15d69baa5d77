using K2Orleans.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace K2Orleans.Silo.Storage;

/// <summary>Registers the <c>k2</c> grain storage for the configured provider.</summary>
public static class K2StorageSiloBuilderExtensions
{
    public const string SqliteInvariant = "System.Data.SQLite";
    public const string MySqlInvariant = "MySql.Data.MySqlConnector";

    /// <summary>
    /// State is stored with the Orleans serializer, chosen before the first release: it honours [Alias] and [Id],
    /// so renaming a state class or adding a field never strands stored rows (the default JSON stores CLR names).
    /// </summary>
    public static ISiloBuilder AddK2Storage(this ISiloBuilder silo, StorageOptions options, string clusterConnectionString)
    {
        switch (options.Provider)
        {
            case "Memory":
                silo.AddMemoryGrainStorage(K2Storage.Name);
                break;
            case "MySql":
                var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString) ? clusterConnectionString : options.ConnectionString;
                silo.AddAdoNetGrainStorage(K2Storage.Name, builder => builder.Configure<IServiceProvider>((o, services) =>
                {
                    o.Invariant = MySqlInvariant;
                    o.ConnectionString = connectionString;
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
                }));
                break;
            default:
                SqliteSchemaInstaller.Install(options.SqlitePath);
                silo.AddAdoNetGrainStorage(K2Storage.Name, builder => builder.Configure<IServiceProvider>((o, services) =>
                {
                    o.Invariant = SqliteInvariant;
                    o.ConnectionString = SqliteSchemaInstaller.ConnectionString(options.SqlitePath);
                    o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
                }));
                break;
        }

        return silo;
    }
}
