using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2Orleans.Hosting.Tests;

/// <summary>Options bound before the host exists: the host's own Configure still applies, and a bad value stops its start.</summary>
public sealed class K2OptionsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task ShouldStopTheStartNamingTheKeyOfABadValue()
    {
        using var host = Host(new K2ClusterOptions { SiloPort = 70000 });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("Cluster:SiloPort must be 1..65535, is 70000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldServeTheBoundInstanceWithTheHostsConfigureApplied()
    {
        var bound = new K2ClusterOptions { ClusterId = "bound" };
        using var host = Host(bound, services => services.Configure<K2ClusterOptions>(o => o.GatewayPort = 30005));

        var options = host.Services.GetRequiredService<IOptions<K2ClusterOptions>>().Value;

        Assert.Equal(("bound", 30005), (options.ClusterId, options.GatewayPort));
    }

    private static IHost Host(K2ClusterOptions bound, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddK2Options<K2ClusterOptions, K2ClusterOptionsValidator>(bound);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
