using System.Net;
using System.Net.Sockets;

namespace K2Orleans.Silo.Startup;

/// <summary>Whether a TCP endpoint is free to listen on, and whether something answers at one.</summary>
public static class EndpointProbe
{
    /// <summary>Null when <paramref name="endpoint"/> can be listened on; otherwise why not.</summary>
    public static string? ListenProblem(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // SO_REUSEADDR as the real listeners set it: a port left in TIME_WAIT by a silo that just stopped is free,
        // while a port another process listens on still refuses the bind (Linux refuses it with or without the flag).
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
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
