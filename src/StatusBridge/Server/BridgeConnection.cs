using System.Diagnostics;
using System.Net.Sockets;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Protocol;

namespace K2Orleans.StatusBridge.Server;

/// <summary>
/// Serves one client: reads request lines, answers each with one line, and closes on QUIT, errors, idleness or the end
/// of its lifetime.
/// </summary>
internal sealed class BridgeConnection(Socket socket, RequestHandler handler, StatusBridgeOptions options, CancellationToken stopping)
{
    private static readonly TimeSpan LingerTime = TimeSpan.FromSeconds(1);
    private const int MaxDrainBytes = 64 * 1024;

    private readonly byte[] buffer = new byte[RequestParser.MaxLineBytes];
    private readonly long openedAt = Stopwatch.GetTimestamp();
    private int filled;

    /// <summary>Runs until the conversation ends; socket errors and timeouts propagate to the caller.</summary>
    public async Task RunAsync()
    {
        for (var served = 0; ; served++)
        {
            // The idle deadline covers reading a whole line, so a client that trickles bytes is dropped
            // just like a silent one; answering has its own bound (the request timeout), sending its own deadline.
            // Waiting for a line also ends with the connection's lifetime, so asking now and then keeps no slot for good.
            var lifeLeft = options.MaxConnectionLifetime - Stopwatch.GetElapsedTime(openedAt);
            if (lifeLeft <= TimeSpan.Zero)
            {
                await CloseGentlyAsync();
                return;
            }

            var (line, tooLong) = await WithDeadlineAsync(ReadLineAsync, lifeLeft < options.IdleTimeout ? lifeLeft : options.IdleTimeout);
            if (line is null && !tooLong)
            {
                return;
            }

            var request = served >= options.MaxRequestsPerConnection
                ? BridgeRequest.Invalid(ErrorCodes.TooManyRequests,
                    $"this connection used its {options.MaxRequestsPerConnection} requests; reconnect", closeAfter: true)
                : line is null ? RequestParser.TooLong() : RequestParser.Parse(line);
            var response = await handler.HandleAsync(request, stopping);
            await WithDeadlineAsync(async deadline => await socket.SendAsync(response.Line, SocketFlags.None, deadline), options.IdleTimeout);
            if (response.CloseAfter)
            {
                await CloseGentlyAsync();
                return;
            }
        }
    }

    /// <summary>Sends one line that ends the conversation (e.g. busy), then closes.</summary>
    public async Task RefuseAsync(byte[] line)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(LingerTime);
        await socket.SendAsync(line, SocketFlags.None, deadline.Token);
        await CloseGentlyAsync();
    }

    /// <returns>The next line without its <c>\n</c>; no line when the client closed or the line is too long.</returns>
    private async Task<(byte[]? Line, bool TooLong)> ReadLineAsync(CancellationToken cancellationToken)
    {
        int newline;
        while ((newline = buffer.AsSpan(0, filled).IndexOf((byte)'\n')) < 0)
        {
            if (filled == buffer.Length)
            {
                return (null, true);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                // An unfinished last line is dropped with the connection.
                return (null, false);
            }

            filled += read;
        }

        var line = buffer.AsSpan(0, newline).ToArray();
        var rest = filled - newline - 1;
        buffer.AsSpan(newline + 1, rest).CopyTo(buffer);
        filled = rest;
        return (line, false);
    }

    private async Task<T> WithDeadlineAsync<T>(Func<CancellationToken, Task<T>> step, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        return await step(deadline.Token);
    }

    private async Task CloseGentlyAsync()
    {
        // Closing with unread input makes the kernel send RST, which can destroy the answer before the
        // client reads it; so stop sending, then drain what the client still sends for a short while.
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            using var linger = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            linger.CancelAfter(LingerTime);
            var scratch = new byte[4096];
            for (var drained = 0; drained < MaxDrainBytes;)
            {
                var read = await socket.ReceiveAsync(scratch, SocketFlags.None, linger.Token);
                if (read == 0)
                {
                    return;
                }

                drained += read;
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException)
        {
            // The answer is out; how the client leaves is its business.
        }
    }
}
