using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Hosting;

public static class StatusBridgeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the status socket as a hosted service, configured from the <c>StatusBridge</c> section and validated at start.
    /// The host registers the <see cref="IStatusSource"/> it answers from.
    /// </summary>
    public static IServiceCollection AddStatusBridge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatusBridgeOptions>()
            .Bind(configuration.GetSection(StatusBridgeOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatusBridgeOptions>, StatusBridgeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterSnapshotCache>();
        services.TryAddSingleton<GuardedJobLookup>();
        services.TryAddSingleton<RequestHandler>();
        services.TryAddSingleton<StatusServer>();
        services.AddHostedService<StatusBridgeService>();
        return services;
    }
}
