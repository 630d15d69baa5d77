using System.Net.Sockets;

namespace K2Orleans.Silo.Logging;

/// <summary>
/// Sends datagrams to the syslog daemon's Unix socket. Used by one writer task only, so it needs
/// no locking. It never throws: a datagram that cannot be sent is reported as not sent.
/// </summary>
internal sealed class SyslogSocketSender : IDisposable
{
    // A missing socket is retried at most this often, so a host without syslog costs one failed
    // connect per interval rather than one per record.
    private static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(1);

    // A syslog daemon that stops reading fills the socket's queue; after this a send gives up
    // and the record is dropped instead of stalling the writer for ever.
    private const int SendTimeoutMilliseconds = 1000;

    private readonly string path;
    private readonly TextWriter notices;
    private Socket? socket;
    private long nextConnectAttempt;
    private bool outageReported;

    public SyslogSocketSender(string path, TextWriter notices)
    {
        this.path = path;
        this.notices = notices;
    }

    public bool TrySend(ReadOnlySpan<byte> datagram)
    {
        string? failure = null;

        // Two tries: a send on a socket whose daemon has restarted fails once, and a fresh
        // connection reaches the new daemon.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (socket is null && !TryConnect(out failure))
            {
                break;
            }

            try
            {
                socket!.Send(datagram);
                outageReported = false;
                return true;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                failure = ex.Message;
                CloseSocket();
            }
        }

        if (failure is not null)
        {
            ReportOutage(failure);
        }

        return false;
    }

    public void Dispose() => CloseSocket();

    private bool TryConnect(out string? failure)
    {
        failure = null;
        if (Environment.TickCount64 < nextConnectAttempt)
        {
            return false;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified)
        {
            SendTimeout = SendTimeoutMilliseconds,
        };
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            this.socket = socket;
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            socket.Dispose();
            nextConnectAttempt = Environment.TickCount64 + (long)ReconnectInterval.TotalMilliseconds;
            failure = ex.Message;
            return false;
        }
    }

    // One notice per outage: syslog is where this process reports trouble, so stderr is the only
    // place left to say that syslog itself is gone.
    private void ReportOutage(string reason)
    {
        if (outageReported)
        {
            return;
        }

        outageReported = true;
        try
        {
            notices.WriteLine($"k2orleans: cannot send to syslog socket {path} ({reason}); log records are dropped until it is back.");
            notices.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // stderr is closed as well; there is nowhere left to report to.
        }
    }

    private void CloseSocket()
    {
        socket?.Dispose();
        socket = null;
    }
}
