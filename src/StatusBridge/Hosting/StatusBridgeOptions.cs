using System.Net;

namespace K2Orleans.StatusBridge.Hosting;

/// <summary>The status socket's settings, bound from the <c>StatusBridge</c> section (contracts.md §3, §6).</summary>
public sealed class StatusBridgeOptions
{
    public const string SectionName = "StatusBridge";

    /// <summary>Whether the bridge listens at all; a silo may run without it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>IP and port to listen on, e.g. <c>127.0.0.1:7070</c> or <c>[::1]:7070</c>; empty disables TCP.</summary>
    public string TcpEndpoint { get; set; } = "127.0.0.1:7070";

    /// <summary>Unix domain socket path; empty means no Unix socket.</summary>
    public string UnixSocketPath { get; set; } = "";

    /// <summary>Octal file mode set on the Unix socket after bind; 0660 lets the web server's group connect.</summary>
    public string UnixSocketMode { get; set; } = "0660";

    /// <summary>A connection that sends no complete request for this long is closed (slow or silent clients).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connections per transport (TCP and the Unix socket each have this many); beyond it a client gets one
    /// <c>busy</c> error line and is closed. Separate budgets keep a flood on one transport from locking out the other.
    /// </summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>
    /// Connections one peer may hold on one transport: a uid on the Unix socket, an IP address (an IPv6 /64) over TCP.
    /// Capped at <see cref="MaxConnections"/>; below it, one local user or one address cannot take every slot.
    /// </summary>
    public int MaxConnectionsPerPeer { get; set; } = 16;

    /// <summary>
    /// A connection is closed after this long however busy it is, so a client that asks just often enough to beat the
    /// idle timeout still cannot keep its slot for good.
    /// </summary>
    public TimeSpan MaxConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many requests a connection gets <c>too_many_requests</c> and is closed.</summary>
    public int MaxRequestsPerConnection { get; set; } = 1000;

    /// <summary>Every request is answered within this time, whatever the cluster does.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the cached cluster snapshot behind STATUS and PING is refreshed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Null when <paramref name="text"/> is not an IP address with a port.</summary>
    public static IPEndPoint? ParseTcpEndpoint(string text)
    {
        // IPEndPoint.TryParse accepts a bare address (port 0); the bridge needs an explicit port.
        var hasPort = text.StartsWith('[')
            ? text.Contains("]:", StringComparison.Ordinal)
            : text.Count(c => c == ':') == 1;
        return hasPort && IPEndPoint.TryParse(text, out var endpoint) ? endpoint : null;
    }

    /// <summary>Null when <paramref name="text"/> is not an octal mode between 0 and 0777.</summary>
    public static UnixFileMode? ParseUnixSocketMode(string text)
    {
        if (text.Length is < 1 or > 4 || !text.All(c => c is >= '0' and <= '7'))
        {
            return null;
        }

        var mode = Convert.ToInt32(text, 8);
        return mode <= 0x1FF ? (UnixFileMode)mode : null;
    }
}
