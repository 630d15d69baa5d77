namespace K2Orleans.WordPress.Tests.Support;

/// <summary>Class fixture: one WordPress site and one two-silo daemon polling it; tests use their own trophies.</summary>
public sealed class SiteWithDaemon : IAsyncLifetime
{
    public WordPressSite Site { get; private set; } = null!;

    public DaemonCluster Daemon { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Site = await WordPressSite.CreateAsync();
        Daemon = await DaemonCluster.StartAsync(Site, silos: 2, renderLimit: 1);
    }

    public async Task DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }
}
