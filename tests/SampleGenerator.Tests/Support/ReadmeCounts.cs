using System.Globalization;
using System.Text.RegularExpressions;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>The combination counts that samples/README.md's tables state, by slug.</summary>
public static partial class ReadmeCounts
{
    public static IReadOnlyDictionary<string, long> Read(string readmePath)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(readmePath))
        {
            var match = TableRow().Match(line);
            if (match.Success)
            {
                counts.Add(match.Groups["slug"].Value, long.Parse(match.Groups["count"].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
            }
        }

        return counts;
    }

    // A row whose first cell is a `slug` and whose last cell is the count, e.g. "| `classic-cup` | ... | 50 |".
    [GeneratedRegex(@"^\|\s*`(?<slug>[a-z0-9-]+)`\s*\|.*\|\s*(?<count>[0-9][0-9,]*)\s*\|\s*$")]
    private static partial Regex TableRow();
}
