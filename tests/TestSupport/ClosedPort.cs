using System.Net;
using System.Net.Sockets;

namespace K2Orleans.TestSupport;

public static class ClosedPort
{
    /// <summary>A loopback port that was just free: nothing listens there.</summary>
    public static int Find()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
