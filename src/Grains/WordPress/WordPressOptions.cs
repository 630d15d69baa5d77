using System.Text.RegularExpressions;
using MySqlConnector;

namespace K2Orleans.Grains.WordPress;

/// <summary>The <c>WordPress</c> section (contracts.md §4, §6): where the WordPress database is and how it is polled.</summary>
public sealed partial class WordPressOptions
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
            yield return $"{SectionName}:TablePrefix must match ^[A-Za-z0-9_]+$ (it is part of table names), is '{TablePrefix}'";
        }

        if (!PostTypePattern().IsMatch(PostType))
        {
            yield return $"{SectionName}:PostType must be 1 to 20 of a-z, 0-9, '_' and '-' (a WordPress post type key), is '{PostType}'";
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

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex TablePrefixPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,20}$")]
    private static partial Regex PostTypePattern();
}
