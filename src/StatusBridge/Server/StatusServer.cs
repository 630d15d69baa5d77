using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Server;

/// <summary>
/// Listens on TCP and/or a Unix socket and serves each client on its own task. Read-only: no request changes anything.
/// Each transport has its own connection budget, and each peer (a uid on the Unix socket, an address over TCP) its own
/// share of it, so one local user or one address cannot lock the others out. A connection holds its slot for at most the
/// idle timeout without a request, and for at most its lifetime in all; nothing a client sends can stop the server.
/// </summary>
public sealed partial class StatusServer(
    RequestHandler handler,
    IOptions<StatusBridgeOptions> options,
    ILogger<StatusServer> logger) : IAsyncDisposable
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly StatusBridgeOptions options = options.Value;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Socket> listeners = [];
    private readonly List<Task> acceptLoops = [];
    private readonly ConcurrentDictionary<Task, bool> connections = new();
    private readonly ConnectionBudget tcpBudget = NewBudget("TCP", options.Value);
    private readonly ConnectionBudget unixBudget = NewBudget("Unix socket", options.Value);
    private int active;

    /// <summary>Clients being served now (refused busy clients count only while they are refused).</summary>
    public int ActiveConnections => Volatile.Read(ref active);

    /// <summary>The bound TCP endpoint (with the real port when configured as 0); null without TCP.</summary>
    public IPEndPoint? TcpEndpoint { get; private set; }

    /// <summary>The Unix socket file this server created; null without one.</summary>
    public string? UnixSocketPath { get; private set; }

    /// <summary>Binds every configured endpoint, then accepts in the background.</summary>
    /// <exception cref="InvalidOperationException">An endpoint cannot be bound; the message names its key.</exception>
    public void Start()
    {
        if (options.TcpEndpoint.Length > 0)
        {
            var endpoint = StatusBridgeOptions.ParseTcpEndpoint(options.TcpEndpoint)
                ?? throw new InvalidOperationException($"StatusBridge:TcpEndpoint: '{options.TcpEndpoint}' is not IP:port");
            var listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            Listen(listener, endpoint, nameof(options.TcpEndpoint));
            TcpEndpoint = (IPEndPoint)listener.LocalEndPoint!;
            LogListening(TcpEndpoint.ToString());
        }

        if (options.UnixSocketPath.Length > 0)
        {
            var path = options.UnixSocketPath;
            UnixSocketFile.PrepareForBind(path);
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            Listen(listener, new UnixDomainSocketEndPoint(path), nameof(options.UnixSocketPath));
            UnixSocketPath = path;

            // After bind: the socket file does not exist before, and connecting needs write permission on it.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, StatusBridgeOptions.ParseUnixSocketMode(options.UnixSocketMode)!.Value);
            }

            LogListening(path);
        }

        foreach (var listener in listeners)
        {
            acceptLoops.Add(AcceptLoopAsync(listener, listener.AddressFamily == AddressFamily.Unix ? unixBudget : tcpBudget));
        }
    }

    /// <summary>Stops accepting, ends every conversation and removes the Unix socket file.</summary>
    public async Task StopAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync();
        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(acceptLoops);
        await Task.WhenAll(connections.Keys);
        if (UnixSocketPath is not null)
        {
            File.Delete(UnixSocketPath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    private void Listen(Socket listener, EndPoint endpoint, string key)
    {
        try
        {
            listener.Bind(endpoint);
            listener.Listen();
            listeners.Add(listener);
        }
        catch (SocketException exception)
        {
            listener.Dispose();
            throw new InvalidOperationException(
                $"{StatusBridgeOptions.SectionName}:{key}: cannot listen on {endpoint}: {exception.Message}", exception);
        }
    }

    private static ConnectionBudget NewBudget(string transport, StatusBridgeOptions options) =>
        new(transport, options.MaxConnections, Math.Min(options.MaxConnectionsPerPeer, options.MaxConnections));

    private async Task AcceptLoopAsync(Socket listener, ConnectionBudget budget)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptAsync(stopping.Token);
                var connection = ServeAsync(client, budget);
                connections.TryAdd(connection, true);
                _ = connection.ContinueWith(finished => connections.TryRemove(finished, out _), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException
                && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                // E.g. out of file descriptors: keep the server up and try again shortly.
                LogAcceptFailed(exception);
                try
                {
                    await Task.Delay(AcceptRetryDelay, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ServeAsync(Socket client, ConnectionBudget budget)
    {
        // Leave the accept loop at once; the conversation runs on the thread pool.
        await Task.Yield();
        Interlocked.Increment(ref active);
        var connection = new BridgeConnection(client, handler, options, stopping.Token);
        try
        {
            var peer = PeerIdentity.Of(client);
            if (!budget.TryAcquire(peer, out var refusal))
            {
                LogBusy(refusal);
                await connection.RefuseAsync(ResponseWriter.Error(ErrorCodes.Busy, refusal));
                return;
            }

            try
            {
                await connection.RunAsync();
            }
            finally
            {
                budget.Release(peer);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Idle timeout, shutdown or a client that vanished: nothing to answer.
            LogConnectionEnded(exception.GetType().Name);
        }
        catch (Exception exception)
        {
            LogConnectionFailed(exception);
        }
        finally
        {
            Interlocked.Decrement(ref active);
            client.Dispose();
        }
    }
}
