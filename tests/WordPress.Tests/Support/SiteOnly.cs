namespace K2Orleans.WordPress.Tests.Support;

/// <summary>Class fixture: one WordPress site with the plugin, no daemon.</summary>
public sealed class SiteOnly : IAsyncLifetime
{
    public WordPressSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await WordPressSite.CreateAsync();

    public async Task DisposeAsync()
    {
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }
}
