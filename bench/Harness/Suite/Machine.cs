namespace K2Orleans.Bench.Harness.Suite;

/// <summary>What the results header says about the machine and the code: CPU model, load average and commit.</summary>
internal static class Machine
{
    public static string CpuModel() => File.ReadLines("/proc/cpuinfo")
        .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
        .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimStart(' '))
        .FirstOrDefault() ?? "";

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Read before the report overwrites results.md, which would count as a change of its own.</summary>
    public static string Revision(string repo)
    {
        var head = Command.Output("git", "-C", repo, "rev-parse", "--short", "HEAD");
        var clean = Command.Capture("git", ["-C", repo, "diff", "--quiet", "HEAD"], TimeSpan.FromMinutes(1)).Succeeded;
        return clean ? head : head + " plus uncommitted changes";
    }
}
