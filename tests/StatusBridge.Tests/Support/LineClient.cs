using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>A raw socket client that speaks the line protocol, or anything else a test wants to send.</summary>
internal sealed class LineClient : IDisposable
{
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    private readonly byte[] pending = new byte[64 * 1024];
    private int filled;

    private LineClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    /// <param name="from">The TCP client's own address (e.g. 127.0.0.2, to be another peer); null lets the kernel choose.</param>
    public static async Task<LineClient> ConnectAsync(EndPoint endpoint, IPAddress? from = null)
    {
        var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (from is not null)
        {
            socket.Bind(new IPEndPoint(from, 0));
        }

        await socket.ConnectAsync(endpoint);
        return new LineClient(socket);
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await Socket.SendAsync(bytes, SocketFlags.None);

    /// <summary>Sends one request line and returns the answer as JSON.</summary>
    public async Task<JsonElement> AskAsync(string request)
    {
        await SendAsync(request + "\n");
        return await ReadJsonAsync();
    }

    public async Task<JsonElement> ReadJsonAsync()
    {
        var line = await ReadLineAsync() ?? throw new InvalidOperationException("the server closed the connection without answering");
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    /// <summary>The next line without its <c>\n</c>; null when the server closed the connection first.</summary>
    public async Task<string?> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? AnswerTimeout);
        while (true)
        {
            var newline = pending.AsSpan(0, filled).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(pending, 0, newline);
                pending.AsSpan(newline + 1, filled - newline - 1).CopyTo(pending);
                filled -= newline + 1;
                return line;
            }

            var read = await Socket.ReceiveAsync(pending.AsMemory(filled), SocketFlags.None, deadline.Token);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }
    }

    /// <summary>True when the server closes the connection within the timeout; any answer lines are skipped.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan within)
    {
        try
        {
            while (await ReadLineAsync(within) is not null)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => Socket.Dispose();
}
