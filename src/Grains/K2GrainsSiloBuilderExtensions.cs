using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.OnRequest;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Requests;
using K2Orleans.Grains.WordPress;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Gate;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.Grains.Startup;
using K2Orleans.Grains.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains;

/// <summary>Registers the render pipeline on a silo: placement directors, the render gate, the renderer.</summary>
public static class K2GrainsSiloBuilderExtensions
{
    /// <summary>Adds K2Orleans' grains' services; options come from <see cref="RenderingOptions"/> and <see cref="JobOptions"/>.</summary>
    public static ISiloBuilder AddK2Grains(this ISiloBuilder silo)
    {
        silo.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        silo.AddStartupTask<ResumeStartupTask>();
        silo.AddPlacementDirector<LocalSiloPlacement, LocalSiloPlacementDirector>();
        var services = silo.Services;
        // Checked when the host starts, whoever configured them (the silo binds them from its sections).
        services.AddOptions<RenderingOptions>().ValidateOnStart();
        services.AddOptions<JobOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RenderingOptions>, RenderingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobOptions>, JobOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RenderingOptions>>().Value;
            MagickCodec.Configure(options);
            AtomicFileWriter.AbandonedAfter = options.AbandonedTempFileAge;
            return new LayerStore(options);
        });
        services.AddSingleton<CombinationRenderer>();
        services.AddSingleton(sp => new StripRenderer(
            sp.GetRequiredService<LayerStore>(), sp.GetRequiredService<CombinationRenderer>(), sp.GetRequiredService<IOptions<RenderingOptions>>().Value));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RenderingOptions>>().Value;
            return new RenderGate(options.MaxConcurrentRenders, options.InteractiveRenderThreads);
        });
        services.AddSingleton<RenderMetrics>();
        services.AddSingleton<OnRequestCounters>();
        services.AddSingleton<OnRequestMetrics>();
        services.AddSingleton<RunningJobs>();
        services.TryAddSingleton(sp => AllowedRootsFor(sp, workingFolderByDefault: false));
        services.AddSingleton<JobRequestGate>();
        services.AddSingleton<SiloDeaths>();
        services.AddHostedService<JobFailover>();
        return silo;
    }

    /// <summary>The allowed roots from the Rendering section and, when the poller is registered, the WordPress section.</summary>
    public static AllowedRoots AllowedRootsFor(IServiceProvider services, bool workingFolderByDefault)
    {
        var rendering = services.GetRequiredService<IOptions<RenderingOptions>>().Value;
        var wordPress = services.GetService<IOptions<WordPressOptions>>()?.Value;
        return AllowedRoots.For(rendering, [wordPress?.OutputRoot ?? ""], [wordPress?.AssetRoot ?? ""], workingFolderByDefault);
    }
}
