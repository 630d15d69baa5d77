using System.Net;
using K2Orleans.Grains;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Configuration;
using K2Orleans.StatusBridge.Client;
using K2Orleans.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace K2Orleans.Silo;

/// <summary>Composes a K2Orleans silo: clustering and storage by mode, the grains, and the dashboard.</summary>
public static class K2SiloHostingExtensions
{
    public static IHostApplicationBuilder AddK2Silo(this IHostApplicationBuilder builder, K2SiloSettings settings)
    {
        builder.Services.AddSingleton(Options.Create(settings.Rendering));
        builder.Services.AddSingleton(Options.Create(settings.Jobs));
        builder.Services.AddSingleton(settings);
        builder.UseOrleans(silo =>
        {
            var cluster = settings.Cluster;
            if (cluster.IsMySql)
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (K2StorageSiloBuilderExtensions.MySqlInvariant, cluster.ConnectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (K2StorageSiloBuilderExtensions.MySqlInvariant, cluster.ConnectionString));
            }
            else
            {
                // One host: membership in memory; reminders too, so unfinished jobs are woken at start-up instead.
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.UseInMemoryReminderService();
            }

            silo.AddK2Storage(settings.Storage, cluster.ConnectionString);
            silo.AddK2Grains();
            silo.AddK2WordPress(settings.WordPress);
            if (settings.Dashboard.Enabled)
            {
                silo.AddDashboard();
            }
        });
        return builder;
    }

    private static IPAddress AdvertisedAddress(K2ClusterOptions cluster) => cluster.AdvertisedAddress.Length > 0
        ? IPAddress.Parse(cluster.AdvertisedAddress)
        : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
          ?? IPAddress.Loopback;
}
