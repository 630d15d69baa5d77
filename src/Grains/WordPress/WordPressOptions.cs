namespace K2Orleans.Grains.WordPress;

/// <summary>The <c>WordPress</c> section (contracts.md §4, §6): where the WordPress database is and how it is polled.</summary>
public sealed class WordPressOptions
{
    public const string SectionName = "WordPress";

    /// <summary>Poll the WordPress database for build requests.</summary>
    public bool Enabled { get; set; }

    /// <summary>MySqlConnector connection string of the WordPress database; the account needs SELECT on posts and SELECT, INSERT, UPDATE on postmeta.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>WordPress's <c>$table_prefix</c>; it becomes part of table names, so only letters, digits and '_'.</summary>
    public string TablePrefix { get; set; } = "wp_";

    /// <summary>The post type of trophies, as the plugin registers it.</summary>
    public string PostType { get; set; } = "k2_trophy";

    /// <summary>How often the database is asked for new requests while no build runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a running build's progress is written back (and cancel requests are noticed while builds run).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Where a spec's relative <c>assetRoot</c> resolves; empty means <c>Rendering:AssetRoot</c>.</summary>
    public string AssetRoot { get; set; } = "";

    /// <summary>Where images are written; empty means <c>Rendering:OutputRoot</c>.</summary>
    public string OutputRoot { get; set; } = "";

    /// <summary>A claimed request without a job after this long (its poller died between claiming and starting) is requested again.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The largest canvas (width × height) a WordPress request may ask for; default 4096 × 4096. A render slot needs
    /// working memory in proportion (about 1.2 GB at 8192 × 8192), so an editor's spec must not decide it alone.
    /// </summary>
    public long MaxPixelsPerImage { get; set; } = 4096 * 4096;

    /// <summary>The most combinations (images before extra sizes) one WordPress trophy may have.</summary>
    public long MaxCombinations { get; set; } = 200_000;
}
