using System.Net;
using System.Net.Sockets;

namespace K2Orleans.TestSupport;

/// <summary>Hands out TCP ports that are free now and were not handed out before in this process.</summary>
public static class FreeTcpPort
{
    // Below the kernel's usual ephemeral range (32768+), so outgoing connections do not grab a
    // port between the check and its use, e.g. while a MariaDB on that port is being restarted.
    private const int LowestPort = 20000;
    private const int HighestPort = 32000;
    private const int Attempts = 500;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Sync = new();

    public static int Next()
    {
        lock (Sync)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(LowestPort, HighestPort);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free TCP port found between {LowestPort} and {HighestPort} after {Attempts} tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
