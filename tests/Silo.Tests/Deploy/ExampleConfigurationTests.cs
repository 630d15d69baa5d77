using K2Orleans.Hosting;
using K2Orleans.Silo.Configuration;
using K2Orleans.Silo.Images;
using K2Orleans.Silo.Logging;
using K2Orleans.Silo.Metrics;
using K2Orleans.Silo.Tests.Support;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>
/// deploy/appsettings.example.json becomes /etc/k2orleans/appsettings.json on install, and binding is strict: a key
/// the options do not know stops the daemon. So the example is bound here exactly as the daemon binds it.
/// </summary>
public sealed class ExampleConfigurationTests
{
    private static IConfiguration Example(params (string Key, string Value)[] overrides) => new ConfigurationBuilder()
        .AddJsonFile(RepoPaths.Deploy("appsettings.example.json"), optional: false, reloadOnChange: false)
        .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
        .Build();

    [Fact]
    public void ShouldBindEverySiloSectionOfTheExampleStrictly()
    {
        var settings = K2SiloSettings.Load(Example());

        Assert.Equal(("Localhost", 11111, 30000), (settings.Cluster.Mode, settings.Cluster.SiloPort, settings.Cluster.GatewayPort));
        Assert.Equal(("Sqlite", "data/k2orleans.db"), (settings.Storage.Provider, settings.Storage.SqlitePath));
        Assert.Equal(("/srv/k2orleans/assets", "/srv/k2orleans/output"), (settings.Rendering.AssetRoot, settings.Rendering.OutputRoot));
        Assert.Equal(Environment.ProcessorCount, settings.Rendering.MaxConcurrentRenders);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Jobs.LivenessInterval);
        Assert.Equal("http://127.0.0.1:8080", settings.Dashboard.Url);
    }

    [Fact]
    public void ShouldBindTheStatusBridgeAndLoggingSectionsStrictlyAndPassTheirValidators()
    {
        var configuration = Example();
        var errors = new List<string>();

        var bridge = K2Configuration.Bind<StatusBridgeOptions>(configuration, StatusBridgeOptions.SectionName, errors);
        var logging = configuration.GetSection(LoggingOptions.SectionName).Get<LoggingOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        Assert.Empty(errors);
        Assert.True(new StatusBridgeOptionsValidator().Validate(null, bridge).Succeeded);
        Assert.True(new LoggingOptionsValidator().Validate(null, logging).Succeeded);
        Assert.Equal(("127.0.0.1:7070", "/run/k2orleans/status.sock"), (bridge.TcpEndpoint, bridge.UnixSocketPath));
        Assert.Equal((true, "daemon", false), (logging.Syslog, logging.Facility, logging.Debug));
    }

    [Fact]
    public void ShouldBindTheMetricsSectionStrictlyAndPassItsValidator()
    {
        var errors = new List<string>();

        var metrics = K2Configuration.Bind<MetricsOptions>(Example(), MetricsOptions.SectionName, errors);

        Assert.Empty(errors);
        Assert.True(new MetricsOptionsValidator().Validate(null, metrics).Succeeded);
        Assert.Equal(new MetricsOptions().Endpoint, metrics.Endpoint);
    }

    [Fact]
    public void ShouldBindTheImagesSectionStrictlyAndPassItsValidator()
    {
        var errors = new List<string>();

        var images = K2Configuration.Bind<ImagesOptions>(Example(), ImagesOptions.SectionName, errors);

        Assert.Empty(errors);
        Assert.True(new ImagesOptionsValidator().Validate(null, images).Succeeded);
        Assert.Equal(("127.0.0.1:8090", ""), (images.Endpoint, images.Token));
    }

    [Fact]
    public void ShouldRefuseAKeyTheOptionsDoNotKnowNamingIt()
    {
        // The key the example used to carry before it followed the options classes.
        var refused = Assert.Throws<K2ConfigurationException>(() => K2SiloSettings.Load(Example(("Storage:SqliteFile", "data/old.db"))));

        Assert.Contains(refused.Errors, e => e.StartsWith("Storage:", StringComparison.Ordinal) && e.Contains("SqliteFile", StringComparison.Ordinal));
    }
}
