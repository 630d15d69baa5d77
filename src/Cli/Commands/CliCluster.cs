using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Hosting;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace K2Orleans.Cli.Commands;

/// <summary>
/// How the CLI finds a running cluster: the same configuration sources as the silo (appsettings.json,
/// /etc/k2orleans/appsettings.json, K2__Section__Key), so with no configuration it finds the embedded default.
/// </summary>
public static class CliCluster
{
    private const int ConnectAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public static IConfiguration Configuration() => new ConfigurationBuilder().AddK2Sources([]).Build();

    /// <summary>An Orleans client, or null after printing why (the caller exits 3).</summary>
    public static async Task<IHost?> ConnectAsync(CliContext context, CancellationToken cancellation)
    {
        var errors = new List<string>();
        var cluster = K2ClusterOptions.Bind(context.Configuration, errors);
        K2Configuration.Check(new K2ClusterOptionsValidator(), cluster, errors);
        if (errors.Count > 0)
        {
            await context.Error.WriteLineAsync("invalid configuration: " + string.Join("; ", errors));
            return null;
        }

        var host = await K2ClusterClient.TryConnectAsync(cluster, ConnectAttempts, cancellation);
        if (host is null)
        {
            // In MySql mode the gateways are listed in the database: when it is down, the silos are not the ones to blame.
            var database = cluster.IsMySql ? await new MembershipDatabaseProbe(cluster.ConnectionString).ProblemAsync(cancellation) : null;
            var where = cluster.IsMySql ? "the gateways listed in MySQL" : $"127.0.0.1:{cluster.GatewayPort}";
            await context.Error.WriteLineAsync(database is not null
                ? $"cannot reach the K2Orleans cluster: {database}; check Cluster:ConnectionString and the MySQL/MariaDB server"
                : $"cannot reach the K2Orleans cluster ({where}); is k2orleans-silo running?");
        }

        return host;
    }

    /// <summary>
    /// Runs <paramref name="action"/> with a cluster client and then closes the connection cleanly: a client that
    /// just exits resets its gateway connection, and every silo logs that as a warning with a stack trace.
    /// </summary>
    /// <returns>The action's exit code, or <see cref="ExitCodes.Unreachable"/> after printing why.</returns>
    public static async Task<int> WithClientAsync(CliContext context, Func<IClusterClient, Task<int>> action, CancellationToken cancellation)
    {
        using var host = await ConnectAsync(context, cancellation);
        if (host is null)
        {
            return ExitCodes.Unreachable;
        }

        try
        {
            return await action(host.Client());
        }
        catch (RequestRefusedException e)
        {
            // The silo checks every request itself (its allowed folders, its limits); it names what it refused.
            await context.Error.WriteLineAsync(e.Message);
            return ExitCodes.BadInput;
        }
        finally
        {
            using var stopping = new CancellationTokenSource(StopTimeout);
            await host.StopAsync(stopping.Token);
        }
    }

    /// <summary>The status socket's TCP endpoint from <c>StatusBridge:TcpEndpoint</c>.</summary>
    public static string StatusEndpoint(IConfiguration configuration) => configuration.GetValue("StatusBridge:TcpEndpoint", new StatusBridgeOptions().TcpEndpoint)!;
}
