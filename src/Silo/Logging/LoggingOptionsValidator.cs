using System.Text;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Logging;

/// <summary>Checks <see cref="LoggingOptions"/>; every failure names its configuration key.</summary>
public sealed class LoggingOptionsValidator : IValidateOptions<LoggingOptions>
{
    // sun_path is 108 bytes including the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    // RFC 3164 limits the TAG to 32 characters; RFC 5424's APP-NAME allows 48, so 32 fits both.
    private const int MaxAppNameLength = 32;

    public ValidateOptionsResult Validate(string? name, LoggingOptions options)
    {
        var failures = new List<string>();
        var section = LoggingOptions.SectionName;

        if (!SyslogNames.TryParseFacility(options.Facility, out _))
        {
            failures.Add($"{section}:{nameof(options.Facility)}: '{options.Facility}' is not a syslog facility; use one of {SyslogNames.KnownFacilities}.");
        }

        if (!SyslogNames.TryParseFormat(options.Format, out _))
        {
            failures.Add($"{section}:{nameof(options.Format)}: '{options.Format}' is not a syslog format; use one of {SyslogNames.KnownFormats}.");
        }

        if (string.IsNullOrWhiteSpace(options.AppName)
            || options.AppName.Length > MaxAppNameLength
            || !options.AppName.All(IsTagCharacter))
        {
            failures.Add($"{section}:{nameof(options.AppName)}: '{options.AppName}' must be 1..{MaxAppNameLength} characters of letters, digits, '.', '_' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(options.SyslogSocket) || !Path.IsPathFullyQualified(options.SyslogSocket))
        {
            failures.Add($"{section}:{nameof(options.SyslogSocket)}: '{options.SyslogSocket}' must be an absolute path to a Unix datagram socket.");
        }
        else if (Encoding.UTF8.GetByteCount(options.SyslogSocket) > MaxSocketPathBytes)
        {
            failures.Add($"{section}:{nameof(options.SyslogSocket)}: the path is longer than the {MaxSocketPathBytes} bytes a Unix socket address holds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsTagCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
