using System.Text.Json.Nodes;
using K2Orleans.TestSupport;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// Class fixture: the whole shop on this machine. A WordPress site with a product page carrying the builder's
/// shortcode, served by a private Apache with mod_php; a real k2orleans-silo polling the site's database that has
/// built the classic cup (and a trophy with a missing layer), whose image endpoint renders what Apache misses.
/// </summary>
public sealed class ShopInBrowser : IAsyncLifetime
{
    public const string Slug = "shop-cup";
    public const string Broken = "shop-broken";

    private TempDirectory? daemonFolder;

    public WordPressSite Site { get; private set; } = null!;

    public Daemon Daemon { get; private set; } = null!;

    public ApacheSite Apache { get; private set; } = null!;

    public long Trophy { get; private set; }

    public long BrokenTrophy { get; private set; }

    /// <summary>The product page's URL (plain permalinks: ?page_id=N).</summary>
    public string PageUrl { get; private set; } = "";

    /// <summary>The classic cup with defaults that are not the first options: walnut base, no topper.</summary>
    public static JsonObject Spec()
    {
        var spec = TrophySpecs.Sample("classic-cup", Slug);
        spec["slots"]![0]!["default"] = "walnut";
        spec["slots"]![2]!["default"] = "none";
        return spec;
    }

    public async Task InitializeAsync()
    {
        Site = await WordPressSite.CreateAsync();
        daemonFolder = new TempDirectory();
        Daemon = new Daemon(daemonFolder.Path, settings: new Dictionary<string, string>
        {
            ["K2__WordPress__Enabled"] = "true",
            ["K2__WordPress__ConnectionString"] = Site.DaemonConnectionString,
            ["K2__WordPress__TablePrefix"] = WordPressSite.TablePrefix,
            ["K2__WordPress__PollInterval"] = "00:00:00.500",
            ["K2__WordPress__AssetRoot"] = Site.AssetRoot,
            ["K2__WordPress__OutputRoot"] = Site.OutputRoot,
        });
        await Daemon.StartAsync();

        Trophy = await Site.CreateTrophyAsync("Shop cup", Spec().ToJsonString());
        var broken = TrophySpecs.Tiny(Broken);
        broken["slots"]![0]!["options"]!.AsArray().Add(new JsonObject { ["id"] = "lost", ["image"] = "base/lost.png" });
        BrokenTrophy = await Site.CreateTrophyAsync("Shop broken", broken.ToJsonString());
        await Site.PressAsync(Trophy, "build");
        await Site.PressAsync(BrokenTrophy, "build");
        await Site.WaitForAsync(Trophy, m => m.Status == "completed", TimeSpan.FromMinutes(3), "the classic cup built");
        await Site.WaitForAsync(BrokenTrophy, m => m.Status is "completed" or "failed", TimeSpan.FromMinutes(2), "the broken trophy built");

        CopyFolder(Path.Combine(AppContext.BaseDirectory, "Php", "theme"), Path.Combine(Site.ContentFolder, "themes"));
        await Site.RunAsync("switch-theme", "k2-shop");
        Apache = await ApacheSite.StartAsync(Site, Daemon.ImagesPort);
        var page = await Site.RunJsonAsync("create-page", "Build your trophy", $"[k2_trophy_builder trophy=\"{Slug}\"]");
        PageUrl = $"{Apache.BaseUrl}/?page_id={page.GetProperty("page_id").GetInt64()}";
    }

    public string ImageUrl(string key) => $"{Apache.BaseUrl}/wp-content/uploads/k2-trophies/{Slug}/{key}.png";

    public string ImageFile(string key) => Path.Combine(Site.OutputRoot, Slug, $"{key}.png");

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

    /// <summary>Copies a folder's files into another, e.g. the test theme into a site's themes.</summary>
    internal static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
