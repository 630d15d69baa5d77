using K2Orleans.StatusBridge.Hosting;

namespace K2Orleans.StatusBridge.Tests.StatusBridgeOptionsTests;

public sealed class TheValidator
{
    private static IReadOnlyList<string> Problems(StatusBridgeOptions options) =>
        new StatusBridgeOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void ShouldAcceptTheDefaults() => Assert.Empty(Problems(new StatusBridgeOptions()));

    [Theory]
    [InlineData("127.0.0.1:7070")]
    [InlineData("0.0.0.0:0")]
    [InlineData("[::1]:7070")]
    [InlineData("")]
    public void ShouldAcceptIpEndpoints(string endpoint) =>
        Assert.Empty(Problems(new StatusBridgeOptions { TcpEndpoint = endpoint, UnixSocketPath = "/run/k2/status.sock" }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost:7070")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("7070")]
    public void ShouldRefuseAnEndpointWithoutIpAndPort(string endpoint) =>
        Assert.Contains(Problems(new StatusBridgeOptions { TcpEndpoint = endpoint }),
            p => p.StartsWith("StatusBridge:TcpEndpoint:", StringComparison.Ordinal) && p.Contains(endpoint, StringComparison.Ordinal));

    [Fact]
    public void ShouldRefuseNoEndpointAtAll() =>
        Assert.Contains(Problems(new StatusBridgeOptions { TcpEndpoint = "" }),
            p => p.Contains("neither TcpEndpoint nor UnixSocketPath", StringComparison.Ordinal));

    [Fact]
    public void ShouldAcceptAnythingWhenDisabled() =>
        Assert.Empty(Problems(new StatusBridgeOptions { Enabled = false, TcpEndpoint = "nonsense", MaxConnections = -1 }));

    [Theory]
    [InlineData("relative/status.sock")]
    [InlineData("/run/k2orleans/a-folder-name-that-goes-on-and-on/and-on-and-on-and-on-and-on-and-on-and-on-and-on/status.sock")]
    public void ShouldRefuseABadUnixSocketPath(string path) =>
        Assert.Contains(Problems(new StatusBridgeOptions { UnixSocketPath = path }),
            p => p.StartsWith("StatusBridge:UnixSocketPath:", StringComparison.Ordinal));

    [Theory]
    [InlineData("0660", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite)]
    [InlineData("600", UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData("0777", (UnixFileMode)0x1FF)]
    public void ShouldReadOctalModes(string text, UnixFileMode mode) =>
        Assert.Equal(mode, StatusBridgeOptions.ParseUnixSocketMode(text));

    [Theory]
    [InlineData("")]
    [InlineData("0860")]
    [InlineData("rw-rw----")]
    [InlineData("01777")]
    public void ShouldRefuseABadMode(string mode) =>
        Assert.Contains(Problems(new StatusBridgeOptions { UnixSocketMode = mode }),
            p => p.StartsWith("StatusBridge:UnixSocketMode:", StringComparison.Ordinal));

    [Fact]
    public void ShouldRefuseOutOfRangeLimitsNamingEachKey()
    {
        var problems = Problems(new StatusBridgeOptions
        {
            IdleTimeout = TimeSpan.FromDays(30),
            RequestTimeout = TimeSpan.Zero,
            RefreshInterval = TimeSpan.FromHours(2),
            MaxConnections = 0,
            MaxConnectionsPerPeer = 0,
            MaxConnectionLifetime = TimeSpan.Zero,
            MaxRequestsPerConnection = -5,
        });

        foreach (var key in new[]
        {
            "IdleTimeout", "RequestTimeout", "RefreshInterval", "MaxConnections", "MaxConnectionsPerPeer", "MaxConnectionLifetime",
            "MaxRequestsPerConnection",
        })
        {
            Assert.Contains(problems, p => p.StartsWith($"StatusBridge:{key}:", StringComparison.Ordinal));
        }
    }
}
