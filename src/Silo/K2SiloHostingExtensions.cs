using System.Net;
using K2Orleans.Grains;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Storage;
using K2Orleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace K2Orleans.Silo;

/// <summary>Composes a K2Orleans silo: clustering and storage by mode, the grains, and the dashboard.</summary>
public static class K2SiloHostingExtensions
{
    public static IHostApplicationBuilder AddK2Silo(this IHostApplicationBuilder builder, K2SiloSettings settings)
    {
        // The sections Load bound and checked are the host's options: a Configure of the host still applies, and the
        // result is checked again when the host starts.
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddK2Options<K2ClusterOptions, K2ClusterOptionsValidator>(settings.Cluster);
        services.AddK2Options<K2SiloClusterOptions, K2SiloClusterOptionsValidator>(settings.SiloCluster);
        services.AddK2Options<StorageOptions, StorageOptionsValidator>(settings.Storage);
        services.AddK2Options<RenderingOptions, RenderingOptionsValidator>(settings.Rendering);
        services.AddK2Options<JobOptions, JobOptionsValidator>(settings.Jobs);
        services.AddK2Options<K2DashboardOptions, K2DashboardOptionsValidator>(settings.Dashboard);

        // One host (Localhost mode) serves its operator's own folder by default; a MySql cluster only what is listed.
        builder.Services.AddSingleton(sp => K2GrainsSiloBuilderExtensions.AllowedRootsFor(sp, workingFolderByDefault: !settings.Cluster.IsMySql));
        var cluster = settings.Cluster;
        if (settings.Storage.InstallSchema)
        {
            // Before UseOrleans: hosted services start in registration order, and the providers read the tables at start.
            string[] databases = [.. new[] { cluster.ConnectionString, settings.Storage.MySqlConnectionString(cluster) }
                .Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)];
            builder.Services.AddHostedService(sp => new MySqlSchemaStartupService(
                databases,
                ActivatorUtilities.CreateInstance<MySqlSchemaInstaller>(sp),
                sp.GetRequiredService<ILogger<MySqlSchemaStartupService>>()));
        }

        builder.UseOrleans(silo =>
        {
            if (cluster.IsMySql)
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                // Silo and gateway listen on the advertised address only, unless the operator chose every interface.
                silo.ConfigureEndpoints(AdvertisedAddress(cluster), cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyAddress);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (K2StorageSiloBuilderExtensions.MySqlInvariant, cluster.ConnectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (K2StorageSiloBuilderExtensions.MySqlInvariant, cluster.ConnectionString));
                silo.Configure<ClusterMembershipOptions>(o => ConfigureLiveness(o, settings.SiloCluster));
            }
            else
            {
                // One host: membership in memory (held by the primary silo); reminders too, so unfinished jobs are woken
                // at start-up instead.
                var primary = cluster.JoinsPrimary ? new IPEndPoint(IPAddress.Loopback, cluster.PrimarySiloPort) : null;
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
                silo.UseInMemoryReminderService();
            }

            if (cluster.TlsCertificatePath.Length > 0)
            {
                var certificate = ClusterTls.Load(cluster.TlsCertificatePath, cluster.TlsCertificatePassword);
                silo.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
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

    /// <summary>
    /// Failure detection tuned for a few render hosts on one network: a killed silo is declared dead within about
    /// ProbeTimeout x MissedProbesLimit (seconds, not Orleans' default half-minute), and rows of silos that never
    /// came back after a crash go stale after HeartbeatPeriod x 3. A silo restarted on the same address and port
    /// replaces its older self at once, whatever these values. Dead rows are trimmed to the newest
    /// MaxDefunctSiloEntries (Orleans removes them on the first active silo when membership changes), none younger
    /// than DefunctSiloMinimumRetention.
    /// </summary>
    private static void ConfigureLiveness(ClusterMembershipOptions options, K2SiloClusterOptions cluster)
    {
        options.ProbeTimeout = cluster.ProbeTimeout;
        options.NumMissedProbesLimit = cluster.MissedProbesLimit;
        options.NumVotesForDeathDeclaration = cluster.VotesForDeath;
        options.IAmAliveTablePublishTimeout = cluster.HeartbeatPeriod;
        options.NumMissedTableIAmAliveLimit = K2SiloClusterOptions.MissedHeartbeatsLimit;
        options.DefunctSiloExpiration = cluster.DefunctSiloExpiration;
        options.DefunctSiloCleanupPeriod = cluster.DefunctSiloCleanupPeriod;
        options.MaxDefunctSiloEntries = cluster.MaxDefunctSiloEntries;
        options.DefunctSiloMinimumRetention = cluster.DefunctSiloMinimumRetention;
    }

    internal static IPAddress AdvertisedAddress(K2ClusterOptions cluster) => cluster.AdvertisedAddress.Length > 0
        ? IPAddress.Parse(cluster.AdvertisedAddress)
        : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
          ?? IPAddress.Loopback;
}
