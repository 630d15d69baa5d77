using System.Net;
using K2Orleans.Silo.Metrics;

namespace K2Orleans.Silo.Tests.Metrics;

public sealed class MetricsOptionsValidatorTests
{
    [Theory]
    [InlineData("localhost:9464")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("[::1]:9464")]
    [InlineData("9464")]
    [InlineData("on")]
    public void ShouldRefuseABadEndpointNamingItsKey(string endpoint)
    {
        var result = new MetricsOptionsValidator().Validate(null, new MetricsOptions { Endpoint = endpoint });

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Metrics:Endpoint ", failure, StringComparison.Ordinal);
        Assert.Contains($"'{endpoint}'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:9464")]
    [InlineData("0.0.0.0:9464")]
    [InlineData("10.1.2.3:19464")]
    [InlineData("")]
    [InlineData("off")]
    [InlineData("OFF")]
    public void ShouldAcceptAnIPv4EndpointOrOff(string endpoint) =>
        Assert.True(new MetricsOptionsValidator().Validate(null, new MetricsOptions { Endpoint = endpoint }).Succeeded);

    [Fact]
    public void ShouldListenOnLoopbackByDefault()
    {
        var defaults = new MetricsOptions();

        var endpoint = MetricsOptions.Parse(defaults.Endpoint);

        Assert.False(defaults.IsOff);
        Assert.NotNull(endpoint);
        Assert.Equal(IPAddress.Loopback, endpoint.Address);
        Assert.Equal(9464, endpoint.Port);
    }
}
