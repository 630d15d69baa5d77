using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.WordPress;

/// <summary>Registers the WordPress poller (contracts.md §4) on a silo.</summary>
public static class WordPressSiloBuilderExtensions
{
    /// <summary>
    /// Binds the <c>WordPress</c> section strictly (an unknown key is an error), validates it and adds the poller.
    /// Call it on every silo, enabled or not: a disabled poller then stops a reminder left from an enabled past.
    /// </summary>
    /// <exception cref="OptionsValidationException">A value is unusable; every message names its key.</exception>
    public static ISiloBuilder AddK2WordPress(this ISiloBuilder silo, IConfiguration configuration)
    {
        WordPressOptions options;
        try
        {
            options = configuration.GetSection(WordPressOptions.SectionName).Get<WordPressOptions>(o => o.ErrorOnUnknownConfiguration = true)
                ?? new WordPressOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(WordPressOptions.SectionName, typeof(WordPressOptions), [$"{WordPressOptions.SectionName}: {e.Message}"]);
        }

        return silo.AddK2WordPress(options);
    }

    /// <summary>Adds the poller with options bound by the host; needs <see cref="K2GrainsSiloBuilderExtensions.AddK2Grains"/> too.</summary>
    /// <exception cref="OptionsValidationException">A value is unusable; every message names its key.</exception>
    public static ISiloBuilder AddK2WordPress(this ISiloBuilder silo, WordPressOptions options)
    {
        if (new WordPressOptionsValidator().Validate(Options.DefaultName, options) is { Failed: true, Failures: { } problems })
        {
            throw new OptionsValidationException(WordPressOptions.SectionName, typeof(WordPressOptions), problems);
        }

        var services = silo.Services;
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(new WordPressDatabase(options));
        services.AddTransient(sp =>
        {
            // Empty roots follow the Rendering section, so one asset and output tree serves the CLI and WordPress.
            var rendering = sp.GetRequiredService<IOptions<RenderingOptions>>().Value;
            var assetRoot = options.AssetRoot.Length > 0 ? options.AssetRoot : rendering.AssetRoot;
            var outputRoot = Path.GetFullPath(options.OutputRoot.Length > 0 ? options.OutputRoot : rendering.OutputRoot);
            var specs = new WordPressSpecReader(assetRoot, WordPressBuildRules.From(options, rendering), sp.GetRequiredService<LayerStore>());
            return new WordPressPoller(
                sp.GetRequiredService<WordPressDatabase>(),
                specs,
                sp.GetRequiredService<IGrainFactory>(),
                options,
                outputRoot,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<WordPressPoller>>());
        });
        if (options.Enabled)
        {
            silo.AddStartupTask<WordPressPollerStartupTask>();
        }

        return silo;
    }
}
