using System.Net;
using System.Net.Sockets;

namespace K2Orleans.Bench.Harness;

/// <summary>TCP ports nothing listens on now, for the silos the harness starts.</summary>
internal static class FreePorts
{
    // Below the kernel's usual ephemeral range (32768 and up), so an outgoing connection does not take one of them
    // between this check and the silo binding it.
    private const int Lowest = 20000;
    private const int Highest = 32000;
    private const int Attempts = 1000;

    public static IReadOnlyList<int> Take(int count)
    {
        var ports = new List<int>();
        for (var attempt = 0; attempt < Attempts && ports.Count < count; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest);
            if (!ports.Contains(port) && IsFree(port))
            {
                ports.Add(port);
            }
        }

        return ports.Count == count ? ports : throw new BenchException($"found only {ports.Count} of {count} free TCP ports in {Lowest}..{Highest}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            // Any address: a silo binds its ports on loopback, a listener on another address would still clash.
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
