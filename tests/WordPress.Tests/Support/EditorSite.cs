using K2Orleans.TestSupport;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// Class fixture: a WordPress site and a real k2orleans-silo polling it, set up as docs/wordpress.md says for the
/// trophy editor: the asset root is the site's uploads folder (specs name Media Library files relative to it), the
/// image endpoint has a token, and the plugin's settings carry that endpoint and token.
/// </summary>
public sealed class EditorSite : IAsyncLifetime
{
    /// <summary>Images:Token of the silo and the plugin's setting; no page may ever print it.</summary>
    public const string Token = "k2-editor-token-7f3a9c1e5b";

    private TempDirectory? daemonFolder;

    public WordPressSite Site { get; private set; } = null!;

    public Daemon Daemon { get; private set; } = null!;

    /// <summary>The site with its wp-admin, served by a private Apache, for the browser tests.</summary>
    public ApacheSite Apache { get; private set; } = null!;

    /// <summary>The admin's password, for wp-login.php.</summary>
    public const string Password = "k2-editor-admin-password";

    /// <summary>The site's uploads folder: WordPress:AssetRoot and Rendering:AssetRoot.</summary>
    public string Uploads => Path.Combine(Site.ContentFolder, "uploads");

    public async Task InitializeAsync()
    {
        Site = await WordPressSite.CreateAsync();
        daemonFolder = new TempDirectory();
        // No test roots: the allow-lists are only what docs/wordpress.md's settings make them (both asset roots at the
        // uploads folder), so the editor's tests show they are enough.
        Daemon = new Daemon(daemonFolder.Path, allowTestRoots: false, settings: new Dictionary<string, string>
        {
            ["K2__Images__Token"] = Token,
            ["K2__WordPress__Enabled"] = "true",
            ["K2__WordPress__ConnectionString"] = Site.DaemonConnectionString,
            ["K2__WordPress__TablePrefix"] = WordPressSite.TablePrefix,
            ["K2__WordPress__PollInterval"] = "00:00:00.500",
            ["K2__WordPress__AssetRoot"] = Uploads,
            // /validate and /preview resolve a spec's relative assetRoot against Rendering:AssetRoot
            // (images-endpoint.md): the same folder, so a preview reads the layers a build reads.
            ["K2__Rendering__AssetRoot"] = Uploads,
            ["K2__WordPress__OutputRoot"] = Site.OutputRoot,
        });
        await Daemon.StartAsync();
        // localhost: the driver's WordPress blocks other hosts (WP_HTTP_BLOCK_EXTERNAL), as many production sites do.
        await Site.RunAsync("set-endpoint", $"http://localhost:{Daemon.ImagesPort}", Token);
        await Site.RunAsync("set-password", "admin", Password);
        // The status bridge, for the editor's estimated build time (and never another daemon's 7070).
        await Site.RunAsync("set-bridge", "127.0.0.1", $"{Daemon.StatusPort}");
        // The shop's theme, for the product page with the builder of the trophy the editor made.
        ShopInBrowser.CopyFolder(Path.Combine(AppContext.BaseDirectory, "Php", "theme"), Path.Combine(Site.ContentFolder, "themes"));
        await Site.RunAsync("switch-theme", "k2-shop");
        // Media > Add New writes as Apache's user (www-data when the tests run as root), as on a real site.
        Directory.CreateDirectory(Uploads);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(Uploads, (UnixFileMode)0b111_111_111);
        }

        Apache = await ApacheSite.StartAsync(Site, Daemon.ImagesPort, admin: true);
    }

    public async Task DisposeAsync()
    {
        Apache?.Dispose();
        Daemon?.Dispose();
        daemonFolder?.Dispose();
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }
}
