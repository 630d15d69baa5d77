using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Hosting;

/// <summary>Checks <see cref="StatusBridgeOptions"/> at start-up; every message names the configuration key.</summary>
public sealed class StatusBridgeOptionsValidator : IValidateOptions<StatusBridgeOptions>
{
    private const string Prefix = StatusBridgeOptions.SectionName + ":";
    private const int MaxUnixPathBytes = 107;

    public ValidateOptionsResult Validate(string? name, StatusBridgeOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.TcpEndpoint.Length > 0 && StatusBridgeOptions.ParseTcpEndpoint(options.TcpEndpoint) is null)
        {
            errors.Add($"{Prefix}{nameof(options.TcpEndpoint)}: '{options.TcpEndpoint}' is not IP:port "
                + "(e.g. 127.0.0.1:7070 or [::1]:7070), or empty to disable TCP");
        }

        if (options.TcpEndpoint.Length == 0 && options.UnixSocketPath.Length == 0)
        {
            errors.Add($"{Prefix}{nameof(options.TcpEndpoint)}: the bridge is enabled but neither TcpEndpoint nor "
                + $"UnixSocketPath is set; set one or set {Prefix}{nameof(options.Enabled)} to false");
        }

        if (options.UnixSocketPath.Length > 0 && !Path.IsPathFullyQualified(options.UnixSocketPath))
        {
            errors.Add($"{Prefix}{nameof(options.UnixSocketPath)}: '{options.UnixSocketPath}' must be an absolute path");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(options.UnixSocketPath) > MaxUnixPathBytes)
        {
            // sun_path is 108 bytes on Linux including the terminating NUL.
            errors.Add($"{Prefix}{nameof(options.UnixSocketPath)}: '{options.UnixSocketPath}' is longer than "
                + $"{MaxUnixPathBytes} bytes, the limit for a Unix socket path");
        }

        if (StatusBridgeOptions.ParseUnixSocketMode(options.UnixSocketMode) is null)
        {
            errors.Add($"{Prefix}{nameof(options.UnixSocketMode)}: '{options.UnixSocketMode}' is not an octal file mode "
                + "between 0000 and 0777 (e.g. 0660)");
        }

        CheckRange(errors, nameof(options.IdleTimeout), options.IdleTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        CheckRange(errors, nameof(options.RequestTimeout), options.RequestTimeout, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        CheckRange(errors, nameof(options.RefreshInterval), options.RefreshInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1));
        CheckRange(errors, nameof(options.MaxConnectionLifetime), options.MaxConnectionLifetime, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        CheckRange(errors, nameof(options.MaxConnections), options.MaxConnections, 1, 10_000);
        CheckRange(errors, nameof(options.MaxConnectionsPerPeer), options.MaxConnectionsPerPeer, 1, 10_000);
        CheckRange(errors, nameof(options.MaxRequestsPerConnection), options.MaxRequestsPerConnection, 1, 10_000_000);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckRange(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            // A bare number binds as days ("30" = 30 days), so the message shows the expected shape.
            errors.Add($"{Prefix}{key}: {value:c} is outside {min:c}..{max:c} (write it as hh:mm:ss, e.g. 00:00:30)");
        }
    }

    private static void CheckRange(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Prefix}{key}: {value} is outside {min}..{max}");
        }
    }
}
