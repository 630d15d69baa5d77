using System.Net.Sockets;
using System.Runtime.Versioning;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.StatusServerTests;

[UnsupportedOSPlatform("windows")]
public sealed class OverUnixSocket : IDisposable
{
    private readonly FakeStatusSource source = new();
    private readonly string folder = Directory.CreateTempSubdirectory("k2b-").FullName;

    private string SocketPath => Path.Combine(folder, "status.sock");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Task<BridgeHost> StartAsync(params (string Key, string Value)[] settings) =>
        BridgeHost.StartAsync(source, [("TcpEndpoint", ""), ("UnixSocketPath", SocketPath), .. settings]);

    [Fact]
    public async Task ShouldAnswerOverTheSocket()
    {
        await using var bridge = await StartAsync();
        using var client = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));

        var pong = await client.AskAsync("PING");
        var job = await client.AskAsync("JOB " + Some.Job().Id);

        Assert.True(pong.GetProperty("pong").GetBoolean());
        Assert.Equal("classic-cup", job.GetProperty("job").GetProperty("trophy").GetString());
        Assert.Null(bridge.Server.TcpEndpoint);
    }

    [Fact]
    public async Task ShouldGiveTheSocketMode0660ByDefault()
    {
        await using var bridge = await StartAsync();

        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(SocketPath));
    }

    [Fact]
    public async Task ShouldGiveTheSocketTheConfiguredMode()
    {
        await using var bridge = await StartAsync(("UnixSocketMode", "0600"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SocketPath));
    }

    [Fact]
    public async Task ShouldReplaceAStaleSocketLeftByACrash()
    {
        // A socket bound elsewhere and moved into place is a socket file nobody listens on, as after kill -9.
        var elsewhere = Path.Combine(folder, "other.sock");
        using (var crashed = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            crashed.Bind(new UnixDomainSocketEndPoint(elsewhere));
            File.Move(elsewhere, SocketPath);
        }

        Assert.True(File.Exists(SocketPath));

        await using var bridge = await StartAsync();
        using var client = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        Assert.True((await client.AskAsync("PING")).GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task ShouldRefuseToTakeASocketInUse()
    {
        await using var first = await StartAsync();

        using var second = BridgeHost.Build(source, new Dictionary<string, string?>
        {
            ["StatusBridge:TcpEndpoint"] = "",
            ["StatusBridge:UnixSocketPath"] = SocketPath,
        });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());

        Assert.Contains("StatusBridge:UnixSocketPath", failure.Message, StringComparison.Ordinal);
        Assert.Contains("in use", failure.Message, StringComparison.Ordinal);
        using var client = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
        Assert.True((await client.AskAsync("PING")).GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task ShouldNotDeleteAFileThatIsNotASocket()
    {
        await File.WriteAllTextAsync(SocketPath, "precious");

        using var host = BridgeHost.Build(source, new Dictionary<string, string?>
        {
            ["StatusBridge:TcpEndpoint"] = "",
            ["StatusBridge:UnixSocketPath"] = SocketPath,
        });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("StatusBridge:UnixSocketPath", failure.Message, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(SocketPath));
    }

    [Fact]
    public async Task ShouldRemoveTheSocketFileOnStop()
    {
        var bridge = await StartAsync();
        Assert.True(File.Exists(SocketPath));

        await bridge.DisposeAsync();

        Assert.False(File.Exists(SocketPath));
    }

    [Fact]
    public async Task ShouldServeTcpAndUnixSocketTogether()
    {
        await using var bridge = await StartAsync(("TcpEndpoint", "127.0.0.1:0"));
        using var overTcp = await bridge.ConnectAsync();
        using var overUnix = await LineClient.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));

        Assert.True((await overTcp.AskAsync("PING")).GetProperty("pong").GetBoolean());
        Assert.True((await overUnix.AskAsync("PING")).GetProperty("pong").GetBoolean());
    }
}
