using System.Net.Sockets;
using System.Text;

namespace K2Orleans.TestSupport;

/// <summary>A bound Unix datagram socket standing in for a syslog daemon's or systemd's socket.</summary>
public sealed class DatagramReceiver : IDisposable
{
    private readonly Socket socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public DatagramReceiver(string path)
    {
        Path = path;
        socket.Bind(new UnixDomainSocketEndPoint(path));
    }

    public string Path { get; }

    /// <summary>Whether a datagram is waiting. Exact once every sender has returned: delivery is synchronous.</summary>
    public bool HasPending => socket.Available > 0;

    public string Receive(TimeSpan? timeout = null) => Encoding.UTF8.GetString(ReceiveBytes(timeout));

    public byte[] ReceiveBytes(TimeSpan? timeout = null)
    {
        return TryReceiveBytes(timeout ?? WaitFor.DefaultTimeout, out var datagram)
            ? datagram
            : throw new TimeoutException($"No datagram arrived on {Path}.");
    }

    public bool TryReceive(TimeSpan timeout, out string datagram)
    {
        var received = TryReceiveBytes(timeout, out var bytes);
        datagram = received ? Encoding.UTF8.GetString(bytes) : "";
        return received;
    }

    /// <summary>Datagrams until one contains <paramref name="text"/>, that one last.</summary>
    public List<string> ReceiveUntil(string text, TimeSpan? timeout = null)
    {
        var received = new List<string>();
        var deadline = DateTime.UtcNow + (timeout ?? WaitFor.DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !TryReceive(left, out var datagram))
            {
                throw new TimeoutException($"No datagram containing '{text}' on {Path}; got: {string.Join(" // ", received)}");
            }

            received.Add(datagram);
            if (datagram.Contains(text, StringComparison.Ordinal))
            {
                return received;
            }
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        File.Delete(Path);
    }

    private bool TryReceiveBytes(TimeSpan timeout, out byte[] datagram)
    {
        datagram = [];
        if (!socket.Poll(timeout, SelectMode.SelectRead))
        {
            return false;
        }

        var buffer = new byte[65536];
        var length = socket.Receive(buffer);
        datagram = buffer[..length];
        return true;
    }
}
