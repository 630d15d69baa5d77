using System.Net;
using K2Orleans.Silo.Storage;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace K2Orleans.Integration.Tests.Hosting;

/// <summary>
/// Silo and client hosts wired to MySQL the way production is: ADO.NET clustering, grain storage
/// and reminders through MySqlConnector, each silo on its own loopback ports.
/// </summary>
public static class TestHosts
{
    public const string ServiceId = "k2-tests";
    public const string StorageName = "k2";

    private static readonly TimeSpan HostTimeout = TimeSpan.FromMinutes(2);

    public static string NewClusterId() => $"k2-test-{Guid.NewGuid():N}";

    public static async Task<IHost> StartSiloAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreeTcpPort.Next(), FreeTcpPort.Next());
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = MySqlSchemaInstaller.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(StorageName, options =>
            {
                options.Invariant = MySqlSchemaInstaller.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = MySqlSchemaInstaller.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });

            // The default minimum of one minute would make the reminder test slow.
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        return await StartAsync(builder.Build());
    }

    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = ServiceId;
            });
            client.UseAdoNetClustering(options =>
            {
                options.Invariant = MySqlSchemaInstaller.AdoNetInvariant;
                options.ConnectionString = connectionString;
            });
        });
        return await StartAsync(builder.Build());
    }

    public static async Task StopAsync(IHost? host)
    {
        if (host is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(HostTimeout);
        await host.StopAsync(timeout.Token);
        host.Dispose();
    }

    private static async Task<IHost> StartAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(HostTimeout);
        try
        {
            await host.StartAsync(timeout.Token);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
