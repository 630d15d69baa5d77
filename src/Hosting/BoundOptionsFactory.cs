using Microsoft.Extensions.Options;

namespace K2Orleans.Hosting;

/// <summary>
/// Builds the default <typeparamref name="T"/> from an instance bound (and checked) before the host existed, then
/// applies the host's <c>Configure</c>/<c>PostConfigure</c> actions and validators to it as Orleans' options do.
/// </summary>
public sealed class BoundOptionsFactory<T>(
    T bound,
    IEnumerable<IConfigureOptions<T>> setups,
    IEnumerable<IPostConfigureOptions<T>> postConfigures,
    IEnumerable<IValidateOptions<T>> validations)
    : OptionsFactory<T>(setups, postConfigures, validations)
    where T : class
{
    protected override T CreateInstance(string name) => name == Options.DefaultName ? bound : base.CreateInstance(name);
}
