using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using K2Orleans.Grains.Specs;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace K2Orleans.Grains.WordPress;

/// <summary>Checks <see cref="WordPressOptions"/> at start-up; every message names its key, and the connection is checked only when enabled.</summary>
public sealed partial class WordPressOptionsValidator : IValidateOptions<WordPressOptions>
{
    private const string Prefix = WordPressOptions.SectionName + ":";
    private const long MaxCanvasPixels = (long)SpecRules.MaxCanvasSide * SpecRules.MaxCanvasSide;

    private static readonly JsonSerializerOptions ShownJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ValidateOptionsResult Validate(string? name, WordPressOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(WordPressOptions options)
    {
        if (options.Enabled)
        {
            foreach (var problem in ConnectionStringProblems(options))
            {
                yield return problem;
            }
        }

        if (!TablePrefixPattern().IsMatch(options.TablePrefix))
        {
            yield return $"{Prefix}TablePrefix must be letters, digits and '_' only (it is part of table names), is {Shown(options.TablePrefix)}";
        }

        if (!PostTypePattern().IsMatch(options.PostType))
        {
            yield return $"{Prefix}PostType must be 1 to 20 of a-z, 0-9, '_' and '-' (a WordPress post type key), is {Shown(options.PostType)}";
        }

        if (options.MaxPixelsPerImage is < 1 or > MaxCanvasPixels)
        {
            yield return $"{Prefix}MaxPixelsPerImage must be 1..{MaxCanvasPixels} (8192 × 8192, the largest canvas), is {options.MaxPixelsPerImage}";
        }

        if (options.MaxCombinations < 1)
        {
            yield return $"{Prefix}MaxCombinations must be positive, is {options.MaxCombinations}";
        }

        foreach (var (key, value, min, max) in new[]
        {
            (nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(options.ProgressInterval), options.ProgressInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            (nameof(options.ClaimTimeout), options.ClaimTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
        })
        {
            if (value < min || value > max)
            {
                yield return $"{Prefix}{key} must be {min}..{max}, is {value}";
            }
        }
    }

    private static IEnumerable<string> ConnectionStringProblems(WordPressOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return $"{Prefix}ConnectionString is required when {Prefix}Enabled is true";
            yield break;
        }

        string? problem = null;
        try
        {
            var builder = new MySqlConnectionStringBuilder(options.ConnectionString);
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
            yield return $"{Prefix}ConnectionString {problem}";
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
