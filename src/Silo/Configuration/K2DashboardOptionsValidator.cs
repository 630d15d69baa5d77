using System.Net;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Configuration;

/// <summary>Checks where an enabled dashboard listens (a disabled one is not checked); every message names its key.</summary>
public sealed class K2DashboardOptionsValidator : IValidateOptions<K2DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, K2DashboardOptions options)
    {
        const string Prefix = K2DashboardOptions.SectionName + ":";
        string?[] problems = !options.Enabled ? [] :
        [
            IPAddress.TryParse(options.Host, out _) || options.Host == "localhost" ? null : $"{Prefix}Host must be an IP address or localhost, is '{options.Host}'",
            options.Port is >= 1 and <= 65535 ? null : $"{Prefix}Port must be 1..65535, is {options.Port}",
        ];
        var found = problems.OfType<string>().ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
