using K2Orleans.Grains.Rendering;
using K2Orleans.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Tests.Configuration;

/// <summary>The silo's options are the host's options: a bad value, however it got there, stops the start naming its key.</summary>
public sealed class SiloStartValidationTests
{
    [Fact]
    public async Task ShouldStopTheStartOnABadValueFromTheHostsOwnConfigure()
    {
        using var host = Build(services => services.Configure<RenderingOptions>(o => o.MaxConcurrentRenders = 0));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("Rendering:MaxConcurrentRenders must be 1..1024, is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldStopTheStartOnABadValueOfTheSilosOwnClusterKeys()
    {
        using var host = Build(services => services.Configure<K2SiloClusterOptions>(o => o.VotesForDeath = 0));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("Cluster:VotesForDeath must be 1..10, is 0", error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Action<IServiceCollection> configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["Dashboard:Enabled"] = "false",
        }).Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.AddK2Silo(K2SiloSettings.Load(configuration));
        configure(builder.Services);
        return builder.Build();
    }
}
