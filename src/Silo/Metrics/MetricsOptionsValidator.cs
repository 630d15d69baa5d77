using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Metrics;

/// <summary>Checks <see cref="MetricsOptions"/>; a failure names its configuration key.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) =>
        options.IsOff || MetricsOptions.Parse(options.Endpoint) is not null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{MetricsOptions.SectionName}:{nameof(options.Endpoint)} must be an IPv4 address and port such as 127.0.0.1:9464 "
                + $"(0.0.0.0:9464 for every interface), or empty or '{MetricsOptions.Off}' to switch the endpoint off, is '{options.Endpoint}'");
}
