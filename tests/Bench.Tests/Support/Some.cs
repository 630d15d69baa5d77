using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests.Support;

/// <summary>The figures of the quick run in bench/results.md, as <c>k2-bench run</c> measures them.</summary>
internal static class Some
{
    public static SuiteReport QuickReport() => new()
    {
        Mode = "quick",
        WrittenUtc = new DateTime(2026, 12, 3, 17, 51, 40, DateTimeKind.Utc),
        Cores = 2,
        CpuModel = "AMD EPYC",
        LoadBefore = "1.87 2.44 3.21",
        Revision = "146b9f2",
        Total = 900,
        Every = 5,
        PeerSetting = "--compression 4 --filter Paeth",
        Work = "/tmp/k2-bench",
        Paths = new Dictionary<string, Measurement>
        {
            ["baseline"] = new("baseline", 180, "12.31", 24.138, 14, "", 176299),
            ["netvips"] = new("netvips", 900, "14.71", 26.46, 81, "62.2", 184837),
            ["loop"] = new("loop", 900, "3.35", 6.39, 155, "280.3", 173820),
            ["k2"] = new("k2", 900, "4.93", 8.46, 195, "270.0", 173820),
            ["k2pair"] = new("k2pair", 900, "6.00", 13.5, 183, "187.0", 173820),
        },
        Checks = new Dictionary<string, string>
        {
            ["netvips"] = "MORE THAN 1 LEVEL: max=2 differing=4203 images=12",
            ["loop"] = "within 1 level: max=1 differing=3000 images=12",
            ["k2"] = "within 1 level: max=1 differing=3000 images=12",
            ["k2pair"] = "within 1 level: max=1 differing=3000 images=12",
        },
        PairJobCpuSeconds = 8.82,
    };
}
