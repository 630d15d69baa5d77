using System.Net;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary>The image endpoint's settings on a real silo: no token, a per-client limit, a bad value, switched off.</summary>
public sealed class ImageEndpointSettingsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ShouldRefuseValidateWithoutAConfiguredTokenAndLimitEachClient()
    {
        using var daemon = new Daemon(temp.Path, settings: new Dictionary<string, string>
        {
            ["K2__Images__PermitsPerSecond"] = "1",
            ["K2__Images__Burst"] = "3",
            ["K2__Images__RetryAfterSeconds"] = "7",
        });
        await daemon.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.ImagesPort}") };

        using var validate = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = new StringContent("{}"), Headers = { { "Authorization", "Bearer anything-at-all-0123456789" } } };
        using var refused = await http.SendAsync(validate);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await http.GetAsync($"/images/classic-cup/walnut_gold_star{i}.png"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Images:Token is not set", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 1, 8);
        Assert.All(limited, a => Assert.Equal(TimeSpan.FromSeconds(7), a.Headers.RetryAfter?.Delta));
        Assert.True(daemon.IsRunning);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task ShouldStopWithExitCodeTwoNamingABadKey()
    {
        var environment = new Dictionary<string, string>
        {
            ["K2__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{FreeTcpPort.Next()}",
            ["K2__Dashboard__Enabled"] = "false",
            ["K2__Images__Endpoint"] = "localhost",
            ["K2__Images__Token"] = "short",
        };

        using var silo = K2Process.StartDll("k2orleans-silo.dll", temp.Path, environment);
        await silo.Process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(2, silo.Process.ExitCode);
        Assert.Contains("Images:Endpoint", silo.StandardError, StringComparison.Ordinal);
        Assert.Contains("Images:Token", silo.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldListenNowhereWhenSwitchedOff()
    {
        using var daemon = new Daemon(temp.Path, settings: new Dictionary<string, string> { ["K2__Images__Enabled"] = "false" });
        await daemon.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{daemon.ImagesPort}") };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/images/classic-cup/walnut_gold_star.png"));

        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, (refused.InnerException as System.Net.Sockets.SocketException)?.SocketErrorCode);
    }
}
