using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.StatusServerTests;

/// <summary>
/// Issue H: one local user or one address used to lock every client out by holding all connection slots (TCP and Unix
/// shared one limit). Each test runs that attack, then shows the others are still answered.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class UnderConnectionFlood : IDisposable
{
    private const int MaxConnections = 8;
    private const int MaxPerPeer = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly FakeStatusSource source = new();
    private readonly string folder = Directory.CreateTempSubdirectory("k2b-").FullName;

    private string SocketPath => Path.Combine(folder, "status.sock");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // The hostile connections stay idle for the whole test: the idle timeout must not free their slots for us.
    private Task<BridgeHost> StartAsync(params (string Key, string Value)[] settings) => BridgeHost.StartAsync(source,
        [("MaxConnections", $"{MaxConnections}"), ("MaxConnectionsPerPeer", $"{MaxPerPeer}"), ("IdleTimeout", "00:01:00"), .. settings]);

    private static bool IsPong(JsonElement answer) => answer.TryGetProperty("pong", out var pong) && pong.GetBoolean();

    private static bool IsBusy(JsonElement answer) => answer.TryGetProperty("error", out var error) && error.GetString() == "busy";

    [Fact]
    public async Task ShouldAnswerAnotherUserWhileOneUserHoldsEveryUnixConnectionItCan()
    {
        await using var bridge = await StartAsync(("TcpEndpoint", ""), ("UnixSocketPath", SocketPath), ("UnixSocketMode", "0666"));
        File.SetUnixFileMode(folder, (UnixFileMode)0x1C9); // 0711: uid 65534 may reach the socket, not list the folder

        // The attack: uid 65534 opens as many connections as the whole socket serves and keeps them idle.
        await using var hostile = await ClientsAsAnotherUser.ConnectAsync(SocketPath, MaxConnections);

        using var victim = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        var answer = await victim.AskAsync("PING");

        Assert.True(IsPong(answer), $"root was refused while uid {ClientsAsAnotherUser.Uid} holds its connections: {answer}");
        var held = hostile.Answers.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(MaxPerPeer, held.Count(IsPong));
        Assert.Equal(MaxConnections - MaxPerPeer, held.Count(IsBusy));
        Assert.Contains($"uid {ClientsAsAnotherUser.Uid} already holds {MaxPerPeer} Unix socket connections",
            held.First(IsBusy).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldAnswerAnotherAddressWhileOneAddressHoldsEveryTcpConnectionItCan()
    {
        await using var bridge = await StartAsync();

        // The attack: 127.0.0.2 opens as many connections as TCP serves and keeps them idle.
        var hostile = new List<LineClient>();
        try
        {
            var held = new List<JsonElement>();
            for (var i = 0; i < MaxConnections; i++)
            {
                hostile.Add(await bridge.ConnectAsync(IPAddress.Parse("127.0.0.2")));
                held.Add(await hostile[^1].AskAsync("PING"));
            }

            using var victim = await bridge.ConnectAsync(IPAddress.Loopback);
            var answer = await victim.AskAsync("PING");

            Assert.True(IsPong(answer), $"127.0.0.1 was refused while 127.0.0.2 holds its connections: {answer}");
            Assert.Equal(MaxPerPeer, held.Count(IsPong));
            Assert.Equal(MaxConnections - MaxPerPeer, held.Count(IsBusy));
            Assert.Contains("address 127.0.0.2 already holds", held.First(IsBusy).GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            hostile.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task ShouldAnswerOnTheUnixSocketWhileTcpIsFull()
    {
        await using var bridge = await StartAsync(("UnixSocketPath", SocketPath), ("MaxConnectionsPerPeer", "1"));

        // The attack: TCP clients from as many addresses as it takes fill every TCP slot.
        var hostile = new List<LineClient>();
        try
        {
            var held = new List<JsonElement>();
            for (var i = 0; i <= MaxConnections; i++)
            {
                hostile.Add(await bridge.ConnectAsync(IPAddress.Parse($"127.0.0.{i + 2}")));
                held.Add(await hostile[^1].AskAsync("PING"));
            }

            using var overUnix = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
            var answer = await overUnix.AskAsync("PING");

            Assert.True(IsPong(answer), $"the Unix socket was refused while TCP is full: {answer}");
            Assert.Equal(MaxConnections, held.Count(IsPong));
            Assert.True(IsBusy(held[^1]), $"TCP beyond its {MaxConnections} connections: {held[^1]}");
            Assert.Contains($"already serves {MaxConnections} TCP connections", held[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            hostile.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task ShouldCloseAConnectionAtTheEndOfItsLifetimeHoweverOftenItAsks()
    {
        var lifetime = TimeSpan.FromSeconds(1);
        await using var bridge = await StartAsync(("MaxConnectionLifetime", "00:00:01"), ("IdleTimeout", "00:00:00.500"),
            ("MaxRequestsPerConnection", "10000000"));
        // Started before the connection, so it never measures less than the server's own clock for this connection.
        var watch = Stopwatch.StartNew();
        using var client = await bridge.ConnectAsync();

        // The attack: ask again and again, well within the idle timeout, to keep the slot for good.
        var answered = 0;
        while (watch.Elapsed < Deadline)
        {
            try
            {
                if (!IsPong(await client.AskAsync("PING")))
                {
                    break;
                }

                answered++;
            }
            catch (Exception exception) when (exception is InvalidOperationException or SocketException)
            {
                break; // closed by the server
            }
        }

        Assert.True(watch.Elapsed < Deadline, $"the connection was still served after {watch.Elapsed} and {answered} requests");
        Assert.True(watch.Elapsed >= lifetime, $"closed after {watch.Elapsed}, before its lifetime of {lifetime}");
        Assert.True(answered > 1, $"only {answered} answers before the close");
    }
}
