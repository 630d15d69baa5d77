using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2Orleans.Hosting;

public static class K2OptionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as bound from configuration before the host was built (see
    /// <see cref="K2Configuration.Bind{T}"/>), checked by <typeparamref name="TValidator"/> when the host starts;
    /// a <c>Configure&lt;T&gt;</c> of the host still applies.
    /// </summary>
    public static OptionsBuilder<T> AddK2Options<T, TValidator>(this IServiceCollection services, T bound)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.AddSingleton<IOptionsFactory<T>>(sp => new BoundOptionsFactory<T>(
            bound, sp.GetServices<IConfigureOptions<T>>(), sp.GetServices<IPostConfigureOptions<T>>(), sp.GetServices<IValidateOptions<T>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddOptions<T>().ValidateOnStart();
    }
}
