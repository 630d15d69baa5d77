using Microsoft.Extensions.Configuration;

namespace K2Orleans.StatusBridge.Hosting;

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
    public static T Bind<T>(IConfiguration configuration, string section, List<string> errors)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? new T();
        }
        catch (InvalidOperationException e)
        {
            errors.Add($"{section}: {e.Message}");
            return new T();
        }
    }
}
