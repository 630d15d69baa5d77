using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The fields of a <c>/proc/PID/stat</c> line the bench reads: the parent and the user plus system clock ticks.</summary>
internal sealed record ProcStat(int ParentId, long CpuTicks)
{
    /// <summary>Parses after the last ')' because the command name in parentheses may hold spaces and parentheses.</summary>
    public static ProcStat Parse(string line)
    {
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');

        // fields[0] is field 3 (state): ppid is field 4, utime 14 and stime 15.
        return new ProcStat(int.Parse(fields[1], CultureInfo.InvariantCulture), Ticks(fields[11]) + Ticks(fields[12]));
    }

    public static ProcStat? Of(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The first process whose parent is <paramref name="parent"/>, if one runs.</summary>
    public static int? ChildOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Of(pid)?.ParentId == parent)
            {
                return pid;
            }
        }

        return null;
    }

    private static long Ticks(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
