using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>What <c>/usr/bin/time -v</c> wrote about one process: wall time, user plus system CPU and peak RSS.</summary>
internal sealed record TimeReport(double WallSeconds, double CpuSeconds, long PeakKib)
{
    public static TimeReport Parse(string text)
    {
        double wall = 0, cpu = 0;
        long peak = 0;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var value = line[(colon + 2)..].Trim();
            if (line.Contains("Elapsed (wall clock)", StringComparison.Ordinal))
            {
                // h:mm:ss or m:ss.ss
                wall = value.Split(':').Aggregate(0.0, (seconds, part) => (seconds * 60) + Number(part));
            }
            else if (line.Contains("User time", StringComparison.Ordinal) || line.Contains("System time", StringComparison.Ordinal))
            {
                cpu += Number(value);
            }
            else if (line.Contains("Maximum resident set size", StringComparison.Ordinal))
            {
                peak = Math.Max(peak, (long)Number(value));
            }
        }

        return new TimeReport(wall, cpu, peak);
    }

    public static TimeReport Read(string path) => Parse(File.ReadAllText(path));

    /// <summary>Several processes together: their CPU adds up, the peak RSS is the largest one's.</summary>
    public static TimeReport Combine(IEnumerable<TimeReport> reports) => reports.Aggregate(
        new TimeReport(0, 0, 0),
        (sum, r) => new TimeReport(Math.Max(sum.WallSeconds, r.WallSeconds), sum.CpuSeconds + r.CpuSeconds, Math.Max(sum.PeakKib, r.PeakKib)));

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
