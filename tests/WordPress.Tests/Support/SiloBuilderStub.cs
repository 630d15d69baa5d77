using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>A silo builder that only collects registrations, for checking what a registration extension does.</summary>
public sealed class SiloBuilderStub : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();

    public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
}
