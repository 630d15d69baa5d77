using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace K2Orleans.Hosting;

/// <summary>
/// The configuration sources of contracts.md §6, later ones winning: appsettings.json, /etc/k2orleans/appsettings.json,
/// environment variables K2__Section__Key, then command-line options (--Section:Key=value).
/// </summary>
public static class K2Configuration
{
    public const string SystemFile = "/etc/k2orleans/appsettings.json";
    public const string EnvironmentPrefix = "K2__";

    public static IConfigurationBuilder AddK2Sources(this IConfigurationBuilder builder, string[] args) => builder
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
        .AddJsonFile(SystemFile, optional: true, reloadOnChange: false)
        .AddEnvironmentVariables(EnvironmentPrefix)
        .AddCommandLine(args);

    /// <summary>Binds a section strictly: a value of the wrong type or an unknown key is an error naming the key.</summary>
    /// <param name="keysReadElsewhere">
    /// Keys of the section that another options class reads (the silo's own <c>Cluster</c> keys, which clients
    /// sharing the file must accept): not unknown, and left to that class.
    /// </param>
    public static T Bind<T>(IConfiguration configuration, string section, List<string> errors, IReadOnlyCollection<string>? keysReadElsewhere = null)
        where T : new()
    {
        try
        {
            return Without(configuration.GetSection(section), keysReadElsewhere ?? []).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException e)
        {
            errors.Add($"{section}: {e.Message}");
            return new T();
        }
    }

    /// <summary>Adds every failure <paramref name="validator"/> finds in <paramref name="options"/> to <paramref name="errors"/>.</summary>
    public static void Check<T>(IValidateOptions<T> validator, T options, List<string> errors)
        where T : class
    {
        if (validator.Validate(Options.DefaultName, options) is { Failed: true, Failures: { } failures })
        {
            errors.AddRange(failures);
        }
    }

    private static IConfigurationSection Without(IConfigurationSection section, IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return section;
        }

        // A copy of the section without those keys, bound strictly: unknown keys and bad values are still named by
        // their full path, as the binder names them in the section itself.
        var skipped = new HashSet<string>(keys, StringComparer.OrdinalIgnoreCase);
        var kept = section.AsEnumerable().Where(pair => pair.Key.Length <= section.Path.Length
            || !skipped.Contains(pair.Key[(section.Path.Length + 1)..].Split(ConfigurationPath.KeyDelimiter)[0]));
        return new ConfigurationBuilder().AddInMemoryCollection(kept).Build().GetSection(section.Path);
    }
}
