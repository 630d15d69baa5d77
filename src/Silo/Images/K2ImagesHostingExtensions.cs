using K2Orleans.Grains.OnRequest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Images;

public static class K2ImagesHostingExtensions
{
    /// <summary>
    /// Adds the image endpoint (docs/images-endpoint.md) to a silo host, configured from the <c>Images</c> section and
    /// validated at start; with <c>Images:Enabled=false</c> only the section is still checked.
    /// </summary>
    public static IHostApplicationBuilder AddK2Images(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ImagesOptions.SectionName);
        var services = builder.Services;
        services.AddOptions<ImagesOptions>().Bind(section, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagesOptions>, ImagesOptionsValidator>());

        // A value that is no boolean counts as on here, so the strict binding reports it at start instead of it being ignored.
        if (bool.TryParse(section[nameof(ImagesOptions.Enabled)], out var enabled) && !enabled)
        {
            return builder;
        }

        services.AddSingleton<TrophyCatalog>();
        services.AddSingleton(sp => new PendingRenders(sp.GetRequiredService<IOptions<ImagesOptions>>().Value.MaxPendingRenders));
        services.AddSingleton<OnRequestRenderer>();
        services.AddSingleton<PreviewRenderer>();
        services.AddSingleton<RemoteSpecCheck>();
        services.AddHostedService<ImageServer>();
        return builder;
    }
}
