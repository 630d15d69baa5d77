using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Images;

/// <summary>
/// The image endpoint's own Kestrel inside the silo process, on Images:Endpoint: a web application of its own (not the
/// dashboard's), so it runs whether the dashboard is on or off and shares nothing with it but the silo's services.
/// Started after the silo, stopped before it.
/// </summary>
public sealed partial class ImageServer(IServiceProvider silo, IOptions<ImagesOptions> options, ILogger<ImageServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var endpoint = IPEndPoint.Parse(settings.Endpoint);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddRateLimiter(limiter => ClientRateLimit.Configure(limiter, settings));
        builder.Services.AddSingleton(silo.GetRequiredService<ILoggerFactory>());
        app = builder.Build();
        app.UseRateLimiter();
        ActivatorUtilities.CreateInstance<ImageRoutes>(silo).Map(app);
        ActivatorUtilities.CreateInstance<SpecRoutes>(silo).Map(app);
        await app.StartAsync(cancellationToken);
        LogListening(logger, settings.Endpoint, settings.Token.Length > 0);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image endpoint listening on http://{Endpoint}/images/; validate and preview on: {TokenSet}")]
    private static partial void LogListening(ILogger logger, string endpoint, bool tokenSet);
}
