using K2Orleans.StatusBridge.Server;
using K2Orleans.StatusBridge.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Tests.StatusBridgeOptionsTests;

public sealed class TheAddStatusBridgeMethod
{
    private static async Task<Exception> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        using var host = BridgeHost.Build(new FakeStatusSource(),
            settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        return await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
    }

    [Fact]
    public async Task ShouldStopTheStartNamingABadKey()
    {
        var failure = await StartFailureAsync(("StatusBridge:TcpEndpoint", "somewhere"));

        Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains("StatusBridge:TcpEndpoint", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldStopTheStartOnAValueOfTheWrongType()
    {
        var failure = await StartFailureAsync(("StatusBridge:MaxConnections", "lots"));

        Assert.Contains("StatusBridge:MaxConnections", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxConnectionsPerPeer", "0")]
    [InlineData("MaxConnectionLifetime", "00:00:00")]
    public async Task ShouldStopTheStartOnABadConnectionBudget(string key, string value)
    {
        var failure = await StartFailureAsync(($"StatusBridge:{key}", value));

        Assert.IsType<OptionsValidationException>(failure);
        Assert.Contains($"StatusBridge:{key}:", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldStopTheStartOnAnUnknownKey()
    {
        var failure = await StartFailureAsync(("StatusBridge:MaxConnection", "5"));

        Assert.Contains("StatusBridgeOptions: 'MaxConnection'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldStopTheStartWhenThePortIsTaken()
    {
        await using var first = await BridgeHost.StartAsync(new FakeStatusSource());

        var failure = await StartFailureAsync(("StatusBridge:TcpEndpoint", first.Tcp.ToString()));

        Assert.StartsWith("StatusBridge:TcpEndpoint: cannot listen on", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldListenNowhereWhenDisabled()
    {
        using var host = BridgeHost.Build(new FakeStatusSource(),
            new Dictionary<string, string?> { ["StatusBridge:Enabled"] = "false" });

        await host.StartAsync();

        Assert.Null(host.Services.GetRequiredService<StatusServer>().TcpEndpoint);
        await host.StopAsync();
    }
}
