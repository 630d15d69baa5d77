using System.Net;
using System.Net.Sockets;

namespace K2Orleans.Silo.Metrics;

/// <summary>The <c>Metrics</c> section: the Prometheus endpoint every silo serves on a port of its own (docs/metrics.md).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>The value that switches the endpoint off (as does an empty one).</summary>
    public const string Off = "off";

    /// <summary>The path Prometheus scrapes, the exporter's default.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>
    /// address:port to listen on; loopback by default, as the metrics name trophies and the cluster's inner workings.
    /// A Prometheus on another host needs this silo's own address (or 0.0.0.0 for every interface) and a firewall rule;
    /// it must scrape the address written here (HttpListener answers 404 to another host name), except with 0.0.0.0.
    /// </summary>
    public string Endpoint { get; set; } = "127.0.0.1:9464";

    public bool IsOff => IsOffValue(Endpoint);

    public static bool IsOffValue(string? endpoint) =>
        string.IsNullOrWhiteSpace(endpoint) || endpoint.Trim().Equals(Off, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The endpoint to listen on; null when <paramref name="endpoint"/> is no IPv4 address with a port. IPv6 is
    /// refused: .NET's HttpListener on Linux, which the exporter uses, cannot take an IPv6 literal.
    /// </summary>
    public static IPEndPoint? Parse(string endpoint) =>
        IPEndPoint.TryParse(endpoint.Trim(), out var parsed) && parsed.Port != 0 && parsed.AddressFamily == AddressFamily.InterNetwork ? parsed : null;
}
