using System.Net;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace K2Orleans.Silo.Metrics;

public static class K2MetricsHostingExtensions
{
    /// <summary>The meter Orleans' own instruments are on (activations, messages, membership, grain calls...).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>
    /// Adds the Prometheus endpoint (docs/metrics.md) to a silo host: the K2 meter and Orleans' own, served by
    /// OpenTelemetry's HttpListener exporter at <c>http://Metrics:Endpoint/metrics</c>. The section is checked at start;
    /// with the endpoint off (or not valid, which that check reports) nothing listens.
    /// </summary>
    public static IHostApplicationBuilder AddK2Metrics(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MetricsOptions.SectionName);
        var services = builder.Services;
        services.AddOptions<MetricsOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());

        var endpoint = section[nameof(MetricsOptions.Endpoint)] ?? new MetricsOptions().Endpoint;
        if (MetricsOptions.IsOffValue(endpoint) || MetricsOptions.Parse(endpoint) is not { } listen)
        {
            return builder;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("k2orleans-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter(RenderMetrics.MeterName, OrleansMeterName)

                // Created with the meter provider, so their observable instruments exist before the first scrape.
                .AddInstrumentation(sp => sp.GetRequiredService<OnRequestMetrics>())
                .AddInstrumentation(sp => sp.GetRequiredService<RenderMetrics>())
                .AddInstrumentation(sp => sp.GetRequiredService<RunningJobs>())
                .AddPrometheusHttpListener(options => Listen(options, listen)));
        return builder;
    }

    private static void Listen(PrometheusHttpListenerOptions options, IPEndPoint endpoint)
    {
        options.Host = endpoint.Address.ToString();
        options.Port = endpoint.Port;
        options.ScrapeEndpointPath = MetricsOptions.ScrapePath;
        if (endpoint.Address.Equals(IPAddress.Any))
        {
            // HttpListener refuses the prefix http://0.0.0.0:port/; its wildcard "+" listens on every IPv4 address and
            // answers whatever host name a scraper uses. The exporter builds a Uri of Host first, which refuses "+".
            options.ConfigureHttpListener = (_, listener) =>
            {
                listener.Prefixes.Clear();
                listener.Prefixes.Add($"http://+:{endpoint.Port}{MetricsOptions.ScrapePath}/");
            };
        }
    }
}
