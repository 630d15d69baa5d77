using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using K2Orleans.Grains.Specs;
using MySqlConnector;

namespace K2Orleans.Grains.WordPress;

/// <summary>The <c>WordPress</c> section (contracts.md §4, §6): where the WordPress database is and how it is polled.</summary>
public sealed partial class WordPressOptions
{
    public const string SectionName = "WordPress";

    private const long MaxCanvasPixels = (long)SpecRules.MaxCanvasSide * SpecRules.MaxCanvasSide;

    private static readonly JsonSerializerOptions ShownJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>Every reason the options are unusable, each naming its key; the connection is checked only when enabled.</summary>
    public IEnumerable<string> Validate()
    {
        if (Enabled)
        {
            foreach (var problem in CheckConnectionString())
            {
                yield return problem;
            }
        }

        if (!TablePrefixPattern().IsMatch(TablePrefix))
        {
            yield return $"{SectionName}:TablePrefix must be letters, digits and '_' only (it is part of table names), is {Shown(TablePrefix)}";
        }

        if (!PostTypePattern().IsMatch(PostType))
        {
            yield return $"{SectionName}:PostType must be 1 to 20 of a-z, 0-9, '_' and '-' (a WordPress post type key), is {Shown(PostType)}";
        }

        if (MaxPixelsPerImage is < 1 or > MaxCanvasPixels)
        {
            yield return $"{SectionName}:MaxPixelsPerImage must be 1..{MaxCanvasPixels} (8192 × 8192, the largest canvas), is {MaxPixelsPerImage}";
        }

        if (MaxCombinations < 1)
        {
            yield return $"{SectionName}:MaxCombinations must be positive, is {MaxCombinations}";
        }

        foreach (var (key, value, min, max) in new[]
        {
            (nameof(PollInterval), PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(ProgressInterval), ProgressInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(ClaimTimeout), ClaimTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        })
        {
            if (value < min || value > max)
            {
                yield return $"{SectionName}:{key} must be {min}..{max}, is {value}";
            }
        }
    }

    private IEnumerable<string> CheckConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:ConnectionString is required when {SectionName}:Enabled is true";
            yield break;
        }

        string? problem = null;
        try
        {
            var builder = new MySqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrEmpty(builder.Database))
            {
                problem = "names no database (Database=...)";
            }
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never the password.
            problem = $"is not a MySQL connection string: {e.Message}";
        }

        if (problem is not null)
        {
            yield return $"{SectionName}:ConnectionString {problem}";
        }
    }

    /// <summary>The value in JSON quotes, so a newline or other control character in it is seen, not printed.</summary>
    private static string Shown(string value) => JsonSerializer.Serialize(value, ShownJson);

    // \A and \z, not ^ and $: in .NET '$' also matches before a final '\n', and "wp_\n" would become part of table names.
    [GeneratedRegex(@"\A[A-Za-z0-9_]+\z")]
    private static partial Regex TablePrefixPattern();

    [GeneratedRegex(@"\A[a-z0-9_-]{1,20}\z")]
    private static partial Regex PostTypePattern();
}
