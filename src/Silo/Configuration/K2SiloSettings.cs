using K2Orleans.StatusBridge.Hosting;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Storage;
using K2Orleans.StatusBridge.Client;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.Silo.Configuration;

/// <summary>The silo's own sections, bound strictly and validated together so one start-up names every bad key.</summary>
public sealed record K2SiloSettings(
    K2ClusterOptions Cluster,
    StorageOptions Storage,
    RenderingOptions Rendering,
    JobOptions Jobs,
    K2DashboardOptions Dashboard,
    WordPressOptions WordPress)
{
    public static K2SiloSettings Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        var settings = new K2SiloSettings(
            K2Configuration.Bind<K2ClusterOptions>(configuration, K2ClusterOptions.SectionName, errors),
            K2Configuration.Bind<StorageOptions>(configuration, StorageOptions.SectionName, errors),
            K2Configuration.Bind<RenderingOptions>(configuration, RenderingOptions.SectionName, errors),
            K2Configuration.Bind<JobOptions>(configuration, JobOptions.SectionName, errors),
            K2Configuration.Bind<K2DashboardOptions>(configuration, K2DashboardOptions.SectionName, errors),
            K2Configuration.Bind<WordPressOptions>(configuration, WordPressOptions.SectionName, errors));
        if (configuration[$"{StorageOptions.SectionName}:Provider"] is null)
        {
            settings.Storage.Provider = StorageOptions.DefaultProviderFor(settings.Cluster);
        }

        errors.AddRange(settings.Cluster.Validate());
        errors.AddRange(settings.Storage.Validate(settings.Cluster));
        errors.AddRange(settings.Rendering.Validate());
        errors.AddRange(settings.Jobs.Validate());
        errors.AddRange(settings.Dashboard.Validate());
        errors.AddRange(settings.WordPress.Validate());
        return errors.Count > 0 ? throw new K2ConfigurationException(errors) : settings;
    }
}
