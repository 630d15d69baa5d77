using System.Net;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Configuration;

/// <summary>Checks <see cref="K2DashboardOptions"/> at start-up (only when the dashboard is enabled); every message names its key.</summary>
public sealed class K2DashboardOptionsValidator : IValidateOptions<K2DashboardOptions>
{
    private const string Prefix = K2DashboardOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, K2DashboardOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(K2DashboardOptions options)
    {
        if (!options.Enabled)
        {
            yield break;
        }

        if (!IPAddress.TryParse(options.Host, out _) && options.Host != "localhost")
        {
            yield return $"{Prefix}Host must be an IP address or localhost, is '{options.Host}'";
        }

        if (options.Port is < 1 or > 65535)
        {
            yield return $"{Prefix}Port must be 1..65535, is {options.Port}";
        }
    }
}
