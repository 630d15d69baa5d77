using System.Collections.Concurrent;
using System.Diagnostics;

namespace K2Orleans.Grains.Rendering.Output;

/// <summary>
/// Writes a file so that readers only ever see the old file or the complete new one: the bytes go to a temporary
/// name in the same folder, then a rename replaces the target (atomic on one filesystem, also over NFS).
/// Temporary names carry host and process id so a later run can tell abandoned ones from another writer's; the
/// writers clear what dead writers left in a folder every second or so: a dead process's of this host at once,
/// another host's once it is older than <see cref="AbandonedAfter"/> by the folder's own clock.
/// </summary>
public static class AtomicFileWriter
{
    public const string TempMarker = ".k2tmp";
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, long> NextSweep = new(StringComparer.Ordinal);
    private static readonly string Host = Environment.MachineName.Replace('.', '-');

    /// <summary>
    /// How old another host's temporary file must be before a sweep deletes it (<c>Rendering:AbandonedTempFileAge</c>,
    /// set once at start-up). A live writer touches its file for the moment of one write, then renames it.
    /// </summary>
    public static TimeSpan AbandonedAfter { get; set; } = RenderingOptions.DefaultAbandonedTempFileAge;

    /// <summary>The host and process part of this process's temporary names.</summary>
    internal static string Owner { get; } = $"{Host}.{Environment.ProcessId}";

    public static void Write(string path, byte[] bytes) => Write(path, bytes.AsSpan());

    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        SweepOnce(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Owner}.{Random.Shared.Next():x8}{TempMarker}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(bytes);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Clears abandoned temporary files from <paramref name="folder"/> when its time has come, so a writer that died
    /// mid-job (another silo on this host) leaves nothing behind once work goes on. The time comes a second after the
    /// last sweep, or 100 times as long as that sweep took: listing a folder of 128,000 images takes a good part of a
    /// second, and sweeping must never cost a render thread more than a percent.
    /// </summary>
    public static void SweepOnce(string folder)
    {
        var now = Environment.TickCount64;
        var due = NextSweep.GetOrAdd(folder, 0);
        if (now < due || !NextSweep.TryUpdate(folder, long.MaxValue, due))
        {
            return;
        }

        try
        {
            SweepAbandoned(folder, AbandonedAfter, recursive: false);
        }
        finally
        {
            var took = Environment.TickCount64 - now;
            NextSweep[folder] = now + Math.Max((long)SweepInterval.TotalMilliseconds, took * 100);
        }
    }

    public static bool IsTempFile(string path) => Path.GetFileName(path) is { } name && name.StartsWith('.') && name.EndsWith(TempMarker, StringComparison.Ordinal);

    /// <summary>
    /// Deletes temporary files below <paramref name="folder"/> that no live writer owns: ours from dead processes
    /// on this host, and anyone's older than <paramref name="abandonedAfter"/> (another host's crashed writer), by
    /// the folder's filesystem clock (<see cref="FolderClock"/>), never this host's.
    /// </summary>
    public static int SweepAbandoned(string folder, TimeSpan abandonedAfter, bool recursive = true) =>
        SweepAbandoned(folder, abandonedAfter, recursive, FolderClock.Now);

    /// <summary>As above, with the folder's time read by <paramref name="folderNow"/> (read once, and only if needed).</summary>
    internal static int SweepAbandoned(string folder, TimeSpan abandonedAfter, bool recursive, Func<string, DateTime?> folderNow)
    {
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        var deleted = 0;
        var cutoff = new Lazy<DateTime?>(() => folderNow(folder) - abandonedAfter);
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in Directory.EnumerateFiles(folder, "*" + TempMarker, options))
        {
            if (IsTempFile(file) && IsAbandoned(file, cutoff) && TryDelete(file))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>
    /// Ours (this host): abandoned exactly when its process is gone, whatever its age. Another host's: only its age
    /// can tell, measured on the folder's clock; when no clock can be read there, nothing is deleted.
    /// </summary>
    private static bool IsAbandoned(string file, Lazy<DateTime?> cutoff) => TryParseOwner(file, out var host, out var pid) && host == Host
        ? IsDeadHere(pid)
        : cutoff.Value is { } before && File.GetLastWriteTimeUtc(file) < before;

    private static bool TryParseOwner(string file, out string host, out int pid)
    {
        // Name: .<target>.<host>.<pid>.<random>.k2tmp
        var parts = Path.GetFileName(file).Split('.');
        (host, pid) = (parts.Length >= 5 ? parts[^4] : "", 0);
        return parts.Length >= 5 && int.TryParse(parts[^3], out pid);
    }

    private static bool IsDeadHere(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    internal static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
