using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Images;
using K2Orleans.Silo.Logging;
using K2Orleans.Silo.Systemd;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace K2Orleans.Silo;

/// <summary>The daemon: configuration checked first, then one host with the silo, the status bridge and the dashboard.</summary>
public static class SiloApp
{
    public const int ExitBadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddK2Sources(args);
        try
        {
            var settings = K2SiloSettings.Load(configuration);
            using var host = Build(args, settings);
            await host.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is K2ConfigurationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"k2orleans-silo: {e.Message}");
            return ExitBadConfiguration;
        }
    }

    public static IHost Build(string[] args, K2SiloSettings settings)
    {
        if (!settings.Dashboard.Enabled)
        {
            var plain = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
            Compose(plain, args, settings);
            return plain.Build();
        }

        var web = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        Compose(web, args, settings);
        web.WebHost.UseUrls(settings.Dashboard.Url);   // after Compose, which resets the configuration sources UseUrls writes to
        var app = web.Build();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGet("/", () => Results.Redirect("/dashboard/"));
        return app;
    }

    private static void Compose(IHostApplicationBuilder builder, string[] args, K2SiloSettings settings)
    {
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddK2Sources(args);
        builder.Logging.AddK2Logging(builder.Configuration);
        builder.Services.AddK2Systemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.AddK2Silo(settings);
        builder.AddK2Images();
        var bridgeEnabled = builder.Configuration.GetValue("StatusBridge:Enabled", true);
        if (bridgeEnabled)
        {
            builder.Services.AddSingleton<IStatusSource, OrleansStatusSource>();
            builder.Services.AddStatusBridge(builder.Configuration);
        }

        builder.Services.AddHostedService(services => new SiloLifetimeLog(
            settings,
            bridgeEnabled ? services.GetRequiredService<IOptions<StatusBridgeOptions>>() : null,
            services.GetRequiredService<ILogger<SiloLifetimeLog>>()));
    }
}
