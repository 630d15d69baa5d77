using System.Net;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Images;

/// <summary>Checks <see cref="ImagesOptions"/>; every failure names its configuration key.</summary>
public sealed class ImagesOptionsValidator : IValidateOptions<ImagesOptions>
{
    /// <summary>A token shorter than this is guessable by anyone who can reach the port.</summary>
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, ImagesOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var section = ImagesOptions.SectionName;
        if (!IPEndPoint.TryParse(options.Endpoint, out var endpoint) || endpoint.Port == 0)
        {
            failures.Add($"{section}:{nameof(options.Endpoint)} must be an IP address and port such as 127.0.0.1:8090, is '{options.Endpoint}'");
        }

        if (options.Token.Length is > 0 and < MinTokenLength || options.Token.Any(char.IsWhiteSpace))
        {
            failures.Add($"{section}:{nameof(options.Token)} must be empty (validate and preview off) or at least {MinTokenLength} characters without spaces");
        }

        Range(failures, nameof(options.PermitsPerSecond), options.PermitsPerSecond, 1, 1_000_000);
        Range(failures, nameof(options.Burst), options.Burst, 1, 1_000_000);
        Range(failures, nameof(options.MaxPendingRenders), options.MaxPendingRenders, 1, 100_000);
        Range(failures, nameof(options.MaxAgeSeconds), options.MaxAgeSeconds, 0, 31_536_000);
        Range(failures, nameof(options.RetryAfterSeconds), options.RetryAfterSeconds, 1, 3600);
        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"{section}:{nameof(options.MaxBodyBytes)} must be 1024..67108864, is {options.MaxBodyBytes}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{ImagesOptions.SectionName}:{key} must be {min}..{max}, is {value}");
        }
    }
}
