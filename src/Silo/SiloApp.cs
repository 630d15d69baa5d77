using K2Orleans.Hosting;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Images;
using K2Orleans.Silo.Logging;
using K2Orleans.Silo.Metrics;
using K2Orleans.Silo.Startup;
using K2Orleans.Silo.Systemd;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using System.Runtime.InteropServices;
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
    /// <summary>Something around the silo failed (a database that never answered, a port taken while starting); a restart may succeed.</summary>
    public const int ExitEnvironment = 1;

    public const int ExitBadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddK2Sources(args);
        try
        {
            var settings = K2SiloSettings.Load(configuration);
            if (!await CheckBeforeJoiningAsync(settings, configuration))
            {
                return 0;   // stopped (SIGTERM) while waiting for the database
            }

            using var host = Build(args, settings);
            await host.RunAsync();
            return 0;
        }
        catch (Exception e) when (e is K2ConfigurationException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"k2orleans-silo: {e.Message}");
            return ExitBadConfiguration;
        }
        catch (StartupEnvironmentException e)
        {
            await Console.Error.WriteLineAsync($"k2orleans-silo: {e.Message}");
            return ExitEnvironment;
        }
        catch (Exception e) when (EnvironmentCause(e) is { } cause)
        {
            // What went wrong outside the program gets one line an operator can act on, not a stack trace.
            await Console.Error.WriteLineAsync($"k2orleans-silo: stopped: {cause.Message}");
            return ExitEnvironment;
        }
    }

    /// <summary>
    /// Runs <see cref="StartupChecks"/> with a logger of its own (the host's does not exist yet); false when SIGTERM or
    /// SIGINT arrived meanwhile, as systemd sends while a silo still waits for its database.
    /// </summary>
    private static async Task<bool> CheckBeforeJoiningAsync(K2SiloSettings settings, IConfiguration configuration)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddK2Logging(configuration));
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop))
        using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop))
        {
            try
            {
                await new StartupChecks(settings, configuration, loggers.CreateLogger<StartupChecks>()).RunAsync(stop.Token);
                return true;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>The database, network or file error behind a start-up failure, however Orleans wrapped it; null for anything else.</summary>
    /// <remarks>
    /// The start-up checks find ports that are taken, but a port can be taken between the check and the listen (two
    /// silos started at once on one host): the metrics exporter's HttpListener then fails with an error that names
    /// neither the port nor the key, so the key is named here.
    /// </remarks>
    public static Exception? EnvironmentCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlConnector.MySqlException or System.Net.Sockets.SocketException or IOException)
            {
                return e;
            }

            if (e is System.Net.HttpListenerException listener)
            {
                return new IOException($"{MetricsOptions.SectionName}:{nameof(MetricsOptions.Endpoint)} cannot be listened on: {listener.Message}", listener);
            }
        }

        return null;
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
        builder.AddK2Metrics();
        var bridgeEnabled = builder.Configuration.GetValue("StatusBridge:Enabled", true);
        if (bridgeEnabled)
        {
            if (settings.Cluster.IsMySql)
            {
                builder.Services.AddSingleton(new MembershipDatabaseProbe(settings.Cluster.ConnectionString));
            }

            builder.Services.AddSingleton<IStatusSource, OrleansStatusSource>();
            builder.Services.AddStatusBridge(builder.Configuration);
        }

        builder.Services.AddHostedService(services => new SiloLifetimeLog(
            settings,
            bridgeEnabled ? services.GetRequiredService<IOptions<StatusBridgeOptions>>() : null,
            services.GetRequiredService<ILogger<SiloLifetimeLog>>()));
    }
}
