using K2Orleans.Grains.Specs;

namespace K2Orleans.Silo.Images;

/// <summary>The <c>Images</c> section: the image endpoint every silo serves on a port of its own (docs/images-endpoint.md).</summary>
public sealed class ImagesOptions
{
    public const string SectionName = "Images";

    public bool Enabled { get; set; } = true;

    /// <summary>address:port to listen on; loopback by default, as the web server on the same host proxies to it.</summary>
    public string Endpoint { get; set; } = "127.0.0.1:8090";

    /// <summary>Bearer token for <c>/validate</c> and <c>/preview</c>; while empty both are refused.</summary>
    public string Token { get; set; } = "";

    /// <summary>Requests per second one client address may make, on average.</summary>
    public int PermitsPerSecond { get; set; } = 100;

    /// <summary>Requests one client address may make at once above the average (a page loading many images).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>On-request renders and previews accepted and not yet finished; past it requests get 503.</summary>
    public int MaxPendingRenders { get; set; } = 64;

    /// <summary>Largest body <c>/validate</c> and <c>/preview</c> read: a spec file's limit.</summary>
    public long MaxBodyBytes { get; set; } = SpecLoader.MaxSpecBytes;

    /// <summary>Cache-Control max-age of images; a new spec changes an image under the same address, so keep it short.</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>What a 503 or 429 tells the client to wait.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
