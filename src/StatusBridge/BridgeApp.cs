using K2Orleans.Hosting;
using K2Orleans.StatusBridge.Client;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge;

/// <summary>
/// The bridge as its own process (multi-host deployments): the status socket answering from an Orleans client.
/// Reads the same sources as the silo: appsettings.json, /etc/k2orleans/appsettings.json, K2__Section__Key, arguments.
/// </summary>
public static class BridgeApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddK2Sources(args);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        var errors = new List<string>();
        var cluster = K2ClusterOptions.Bind(builder.Configuration, errors);
        K2Configuration.Check(new K2ClusterOptionsValidator(), cluster, errors);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync("k2orleans-bridge: invalid configuration: " + string.Join("; ", errors));
            return 2;
        }

        builder.Services.AddSingleton<IStatusSource>(new ClusterClientStatusSource(cluster));
        builder.Services.AddStatusBridge(builder.Configuration);
        try
        {
            await builder.Build().RunAsync();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"k2orleans-bridge: {e.Message}");
            return 2;
        }
    }
}
