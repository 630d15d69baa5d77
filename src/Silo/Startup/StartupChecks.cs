using System.Net;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Images;
using K2Orleans.Silo.Metrics;
using K2Orleans.Hosting;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Startup;

/// <summary>
/// What a silo checks before it takes part in membership: its databases answer (waiting for them up to
/// <c>Cluster:StartupTimeout</c>), no live member of the cluster already has its address and port, and every port it
/// is to listen on is free. A silo that joined anyway would declare the live one an "older clone" and kill it, or
/// crash seconds after joining when its dashboard or status socket cannot listen.
/// </summary>
public sealed partial class StartupChecks(K2SiloSettings settings, IConfiguration configuration, ILogger logger)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(1);

    private K2ClusterOptions Cluster => settings.Cluster;

    /// <exception cref="K2ConfigurationException">A setting cannot work; the message names its key.</exception>
    /// <exception cref="StartupEnvironmentException">A database did not answer within <c>Cluster:StartupTimeout</c>.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Cluster.IsMySql)
        {
            await WaitForDatabasesAsync(cancellationToken);
            if (await LiveMemberAtOurAddressAsync(cancellationToken) is { } clash)
            {
                throw new K2ConfigurationException([clash]);
            }
        }

        string[] busy = [.. Endpoints().Select(e => EndpointProbe.ListenProblem(e.Endpoint) is { } problem ? $"{e.Key} {e.Endpoint} {problem}" : null).OfType<string>()];
        if (busy.Length > 0)
        {
            throw new K2ConfigurationException(busy);
        }
    }

    private async Task WaitForDatabasesAsync(CancellationToken cancellationToken)
    {
        var wait = new DatabaseWait(settings.SiloCluster.StartupTimeout, logger);
        var storage = settings.Storage.ConnectionString;
        var databases = new List<(string Key, string ConnectionString)> { ($"{K2ClusterOptions.SectionName}:ConnectionString", Cluster.ConnectionString) };
        if (settings.Storage.Provider == "MySql" && !string.IsNullOrWhiteSpace(storage) && storage != Cluster.ConnectionString)
        {
            databases.Add(("Storage:ConnectionString", storage));
        }

        foreach (var (key, connectionString) in databases)
        {
            if (await wait.WaitAsync(key, connectionString, cancellationToken) is { } problem)
            {
                throw problem.Permanent ? new K2ConfigurationException([$"{key} {problem.Text}"]) : new StartupEnvironmentException($"{key} {problem.Text}");
            }
        }
    }

    /// <summary>
    /// An active row with this silo's address and port whose owner answers there. A row whose address does not
    /// answer is a silo that died without leaving (kill -9, power loss): Orleans replaces it at once, as it should.
    /// </summary>
    private async Task<string?> LiveMemberAtOurAddressAsync(CancellationToken cancellationToken)
    {
        var address = K2SiloHostingExtensions.AdvertisedAddress(Cluster);
        var owner = await MembershipRows.ActiveOwnerAsync(Cluster.ConnectionString, Cluster.ClusterId, address.ToString(), Cluster.SiloPort, cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var endpoint = new IPEndPoint(address, Cluster.SiloPort);
        if (!await EndpointProbe.AnswersAsync(endpoint, AnswerTimeout, cancellationToken))
        {
            LogStaleRow(logger, endpoint.ToString(), owner);
            return null;
        }

        return $"{K2ClusterOptions.SectionName}:SiloPort {endpoint} is the address and port of an active member of cluster '{Cluster.ClusterId}' ({owner}), "
            + $"which answers there; give this silo another {K2ClusterOptions.SectionName}:SiloPort or {K2ClusterOptions.SectionName}:AdvertisedAddress";
    }

    private IEnumerable<(string Key, IPEndPoint Endpoint)> Endpoints()
    {
        // Where Orleans listens: loopback in Localhost mode; in MySql mode the advertised address, or every interface.
        var siloAddress = !Cluster.IsMySql ? IPAddress.Loopback
            : Cluster.ListenOnAnyAddress ? IPAddress.Any : K2SiloHostingExtensions.AdvertisedAddress(Cluster);
        yield return ($"{K2ClusterOptions.SectionName}:SiloPort", new IPEndPoint(siloAddress, Cluster.SiloPort));
        yield return ($"{K2ClusterOptions.SectionName}:GatewayPort", new IPEndPoint(siloAddress, Cluster.GatewayPort));

        // Values that do not parse are left to these sections' own validation, which names them as the host starts.
        var bridge = configuration.GetSection(StatusBridgeOptions.SectionName);
        if (bridge.GetValue("Enabled", true) && StatusBridgeOptions.ParseTcpEndpoint(bridge["TcpEndpoint"] ?? new StatusBridgeOptions().TcpEndpoint) is { } status)
        {
            yield return ($"{StatusBridgeOptions.SectionName}:TcpEndpoint", status);
        }

        if (settings.Dashboard.Enabled)
        {
            var host = settings.Dashboard.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(settings.Dashboard.Host);
            yield return ($"{K2DashboardOptions.SectionName}:Port", new IPEndPoint(host, settings.Dashboard.Port));
        }

        var images = configuration.GetSection(ImagesOptions.SectionName);
        if (images.GetValue("Enabled", true) && IPEndPoint.TryParse(images["Endpoint"] ?? new ImagesOptions().Endpoint, out var image) && image.Port != 0)
        {
            yield return ($"{ImagesOptions.SectionName}:Endpoint", image);
        }

        var metrics = configuration[$"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Endpoint)}"] ?? new MetricsOptions().Endpoint;
        if (!MetricsOptions.IsOffValue(metrics) && MetricsOptions.Parse(metrics) is { } scrape)
        {
            yield return ($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Endpoint)}", scrape);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The membership table lists {Endpoint} as active ({Owner}), but nothing answers there: a silo that stopped without leaving, which this one replaces")]
    private static partial void LogStaleRow(ILogger logger, string endpoint, string owner);
}
