using System.Net;
using System.Net.Sockets;

namespace K2Orleans.Silo.Startup;

/// <summary>Whether a TCP endpoint is free to listen on, and whether something answers at one.</summary>
public static class EndpointProbe
{
    private const int SolSocket = 1;   // Linux <sys/socket.h>
    private const int SoReuseAddr = 2;

    /// <summary>Null when <paramref name="endpoint"/> can be listened on; otherwise why not.</summary>
    public static string? ListenProblem(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // SO_REUSEADDR alone, set raw: a port left in TIME_WAIT by a silo that just stopped counts as free, while a port
        // another process listens on refuses the bind. .NET's ReuseAddress option also sets SO_REUSEPORT on Linux, which
        // lets a second listener share the port; that is how two silos both listened on one port, and it would make
        // this probe succeed against such a listener.
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }

        try
        {
            socket.Bind(endpoint);
            socket.Listen(1);
            return null;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "is in use by another process" : e.Message;
        }
    }

    /// <summary>True when a TCP connection to <paramref name="endpoint"/> succeeds within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AnswersAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(endpoint.AddressFamily);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(endpoint, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
