using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.WordPress;
using K2Orleans.Hosting;
using K2Orleans.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Configuration;

/// <summary>
/// The silo's own sections, bound strictly and checked by their validators together, before the silo joins, so one
/// start-up names every bad key; the host gets these same instances as its options.
/// </summary>
public sealed record K2SiloSettings(
    K2ClusterOptions Cluster,
    K2SiloClusterOptions SiloCluster,
    StorageOptions Storage,
    RenderingOptions Rendering,
    JobOptions Jobs,
    K2DashboardOptions Dashboard,
    WordPressOptions WordPress)
{
    public static K2SiloSettings Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        var clientKeys = configuration.GetSection(K2ClusterOptions.SectionName).GetChildren().Select(c => c.Key)
            .Except(K2ClusterOptions.SiloKeys, StringComparer.OrdinalIgnoreCase).ToList();
        var settings = new K2SiloSettings(
            K2ClusterOptions.Bind(configuration, errors),
            K2Configuration.Bind<K2SiloClusterOptions>(configuration, K2SiloClusterOptions.SectionName, errors, clientKeys),
            K2Configuration.Bind<StorageOptions>(configuration, StorageOptions.SectionName, errors),
            K2Configuration.Bind<RenderingOptions>(configuration, RenderingOptions.SectionName, errors),
            K2Configuration.Bind<JobOptions>(configuration, JobOptions.SectionName, errors),
            K2Configuration.Bind<K2DashboardOptions>(configuration, K2DashboardOptions.SectionName, errors),
            K2Configuration.Bind<WordPressOptions>(configuration, WordPressOptions.SectionName, errors));
        if (configuration[$"{StorageOptions.SectionName}:Provider"] is null)
        {
            settings.Storage.Provider = StorageOptions.DefaultProviderFor(settings.Cluster);
        }

        K2Configuration.Check(new K2ClusterOptionsValidator(), settings.Cluster, errors);
        K2Configuration.Check(new K2SiloClusterOptionsValidator(), settings.SiloCluster, errors);
        K2Configuration.Check(new StorageOptionsValidator(Options.Create(settings.Cluster)), settings.Storage, errors);
        K2Configuration.Check(new RenderingOptionsValidator(), settings.Rendering, errors);
        K2Configuration.Check(new JobOptionsValidator(), settings.Jobs, errors);
        K2Configuration.Check(new K2DashboardOptionsValidator(), settings.Dashboard, errors);
        K2Configuration.Check(new WordPressOptionsValidator(), settings.WordPress, errors);
        return errors.Count > 0 ? throw new K2ConfigurationException(errors) : settings;
    }
}
