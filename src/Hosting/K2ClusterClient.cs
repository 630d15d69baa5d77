using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace K2Orleans.Hosting;

/// <summary>Builds an Orleans client host for the cluster the <c>Cluster</c> section describes.</summary>
public static class K2ClusterClient
{
    public const string MySqlInvariant = "MySql.Data.MySqlConnector";

    /// <param name="connectAttempts">How often to try the first connection (a second apart); 0 keeps trying, for daemons.</param>
    public static void AddK2ClusterClient(this IHostApplicationBuilder builder, K2ClusterOptions cluster, int connectAttempts)
    {
        var gateways = new ConnectedGateways();
        builder.Services.AddSingleton(gateways);
        builder.UseOrleansClient(client =>
        {
            client.AddGatewayCountChangedHandler((_, e) => gateways.Changed(e.NumberOfConnectedGateways));
            if (cluster.IsMySql)
            {
                client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (MySqlInvariant, cluster.ConnectionString));

                // A silo that joins is used within seconds, not after the one-minute default.
                client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }

            if (cluster.TlsCertificatePath.Length > 0)
            {
                var certificate = ClusterTls.Load(cluster.TlsCertificatePath, cluster.TlsCertificatePassword);
                client.UseTls(certificate, o => ClusterTls.Configure(o, certificate));
            }

            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                if (connectAttempts > 0 && ++attempts >= connectAttempts)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return true;
            });
        });
    }

    /// <summary>Starts a client host; false (with the host disposed) when the cluster could not be reached.</summary>
    public static async Task<IHost?> TryConnectAsync(K2ClusterOptions cluster, int connectAttempts, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddK2ClusterClient(cluster, connectAttempts);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
            return host;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            return null;
        }
    }

    public static IClusterClient Client(this IHost host) => host.Services.GetRequiredService<IClusterClient>();
}
