using System.Net;
using System.Net.Sockets;
using System.Text;

namespace K2Orleans.StatusBridge.Client;

/// <summary>Asks the status socket one question (contracts.md §3) and returns its one-line JSON answer.</summary>
public static class StatusSocketClient
{
    public static async Task<string> AskAsync(IPEndPoint endpoint, string request, TimeSpan timeout, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint, deadline.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request + "\n"), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync(deadline.Token) ?? throw new IOException("the status socket closed without answering");
    }
}
