using System.Globalization;
using System.Text.RegularExpressions;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// The arithmetic and number formats of the results table, as bench/run.sh printed them with awk: rates to one
/// decimal, ratios to two with an "x", plain numbers as awk's <c>%.6g</c>.
/// </summary>
internal static partial class Figures
{
    public static string Plain(double value) => value.ToString("G6", CultureInfo.InvariantCulture).Replace("E+0", "e+0", StringComparison.Ordinal);

    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Images per second to one decimal.</summary>
    public static string Rate(long images, double seconds) => Fixed(images / seconds, 1);

    /// <summary>a over b as "1.23x".</summary>
    public static string Ratio(double a, double b) => Fixed(a / b, 2) + "x";

    /// <summary>A ratio of two figures as the table prints them, so the ratio agrees with the rounded figures shown.</summary>
    public static string Ratio(string a, string b) => Ratio(Number(a), Number(b));

    public static string CpuMsPerImage(double cpuSeconds, long images) => Fixed(cpuSeconds * 1000 / images, 1);

    public static long Mib(long kib) => (long)Math.Round(kib / 1024.0, MidpointRounding.ToEven);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The render-phase rate a tool printed as "(123.4 img/s)", or "" when it printed none.</summary>
    public static string OwnRate(string output) => OwnRatePattern().Matches(output) is { Count: > 0 } matches ? matches[^1].Groups[1].Value : "";

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\(([0-9.]*) img/s\)")]
    private static partial Regex OwnRatePattern();
}
