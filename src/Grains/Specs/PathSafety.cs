using System.Collections.Concurrent;

namespace K2Orleans.Grains.Specs;

/// <summary>Keeps spec-supplied paths inside their root, before and after links are followed.</summary>
public static class PathSafety
{
    // Paths looked up through a handle, with the file object each led to and its real path (RealPathOf).
    private const int MaxResolved = 65_536;
    private static readonly ConcurrentDictionary<string, (FileIdentity Identity, string RealPath)> Resolved = new(StringComparer.Ordinal);

    public const string LeavesRootReason = "leaves the asset root through a link";

    /// <summary>Why a relative path from a spec is unsafe, or null when it is a plain relative path.</summary>
    public static string? DescribeUnsafeRelativePath(string path)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path.Contains('\0'))
        {
            return "contains a NUL character";
        }

        if (Path.IsPathRooted(path) || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
        {
            return "must be relative to the asset root, not absolute";
        }

        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                return "must not contain '..'";
            }
        }

        return null;
    }

    public static bool IsInside(string rootFull, string candidateFull)
    {
        var root = Path.TrimEndingDirectorySeparator(rootFull);
        return candidateFull.Length > root.Length
            && candidateFull.StartsWith(root, StringComparison.Ordinal)
            && candidateFull[root.Length] == Path.DirectorySeparatorChar;
    }

    /// <summary>
    /// Resolves <paramref name="relative"/> under <paramref name="root"/> and follows every link on the way, so a
    /// symlink that points outside the root is caught. Returns null with a reason when the file is not usable.
    /// </summary>
    public static string? ResolveExistingFile(string root, string relative, out string? reason) =>
        FindExistingFile(AssetRoot.Resolve(root), relative, out reason)?.RealPath;

    /// <summary>
    /// <see cref="ResolveExistingFile"/> under a root resolved once for many files, with the file's type, size and
    /// modification time read from the same handle its real path comes from: on Linux one open, one statx and one
    /// readlink per file, where a lookup by path costs a walk of the whole path for each question.
    /// </summary>
    public static FoundFile? FindExistingFile(AssetRoot root, string relative, out string? reason)
    {
        reason = DescribeUnsafeRelativePath(relative);
        if (reason is not null)
        {
            return null;
        }

        if (root.RealPath is not { } realRoot)
        {
            reason = $"asset root '{root.Given}' does not exist";
            return null;
        }

        var candidate = Path.Combine(realRoot, relative);
        var found = LookThroughHandle(candidate);
        if (found is null)
        {
            return FindByPath(realRoot, candidate, out reason);
        }

        if (found.Value.IsDirectory)
        {
            reason = "is a folder, not an image file";
            return null;
        }

        if (!IsInside(realRoot, found.Value.RealPath))
        {
            reason = LeavesRootReason;
            return null;
        }

        return found;
    }

    /// <summary>The lookup by path: every case the handle did not answer (missing files and links to nothing).</summary>
    internal static FoundFile? FindByPath(string realRoot, string candidate, out string? reason)
    {
        reason = null;
        if (!File.Exists(candidate))
        {
            reason = Directory.Exists(candidate) ? "is a folder, not an image file" : "does not exist";
            return null;
        }

        var real = RealPath(candidate);
        if (real is null)
        {
            // File.Exists is true for a link to nothing: where it points still decides between refused and missing.
            var target = WalkRealPath(Path.GetFullPath(candidate), mustExist: false);
            reason = target is null || IsInside(realRoot, target) ? "does not exist (a link that leads nowhere)" : LeavesRootReason;
            return null;
        }

        if (!IsInside(realRoot, real))
        {
            reason = LeavesRootReason;
            return null;
        }

        // A FIFO, device or socket is not told apart here; it has no size, which the caller refuses.
        var info = new FileInfo(real);
        return new FoundFile(real, IsDirectory: false, IsSpecial: false, info.Length, info.LastWriteTimeUtc.Ticks);
    }

    /// <summary>
    /// <paramref name="fullPath"/> with every link of its existing part resolved, like realpath(3), and its missing
    /// tail (a folder still to be made) appended as it is.
    /// </summary>
    public static string RealPathAllowingMissing(string fullPath)
    {
        var existing = Path.TrimEndingDirectorySeparator(fullPath);
        var tail = "";
        while (!Path.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            tail = tail.Length == 0 ? Path.GetFileName(existing) : Path.Combine(Path.GetFileName(existing), tail);
            existing = parent;
        }

        var real = RealPath(existing) ?? existing;
        return tail.Length == 0 ? real : Path.Combine(real, tail);
    }

    /// <summary>The path with every link resolved, like realpath(3); null when it does not exist.</summary>
    internal static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        // Asked of the kernel, which resolves every link in one open: the walk below costs a readlink per component.
        var fd = LinuxFiles.Open(full, LinuxFiles.OpenPath | LinuxFiles.OpenCloseOnExec);
        if (fd >= 0)
        {
            try
            {
                if (LinuxFiles.Status(fd) is { } status && RealPathOf(full, fd, status) is { } real)
                {
                    return real;
                }
            }
            finally
            {
                LinuxFiles.Close(fd);
            }
        }
        else if (LinuxFiles.Available)
        {
            return null;
        }

        return WalkRealPath(full);
    }

    /// <summary>The same answer found by walking the path one component at a time, reading each link (no /proc needed).</summary>
    /// <param name="mustExist">False: the path its links lead to even when nothing is there.</param>
    internal static string? WalkRealPath(string full, bool mustExist = true)
    {
        if (mustExist && !Path.Exists(full))
        {
            return null;
        }

        // Walk from the root down, resolving each component's link target, like realpath(3).
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.DirectorySeparatorChar.ToString();
        for (var hops = 0; hops < 64 && parts.Length > 0;)
        {
            var next = Path.Combine(current, parts[0]);
            parts = parts[1..];
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                hops++;
                var resolved = Path.GetFullPath(target, current);
                parts = [.. resolved.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries), .. parts];
                current = Path.DirectorySeparatorChar.ToString();
                continue;
            }

            current = next;
        }

        // Path.Exists is true for a link to nothing; the resolved path has no link left to fool it.
        return parts.Length == 0 && (!mustExist || Path.Exists(current)) ? current : null;
    }

    /// <summary>
    /// The file at <paramref name="full"/> as the kernel resolves it: one O_PATH open (a FIFO does not block), its type,
    /// size, modification time and identity by statx on that handle, its real path from the handle's /proc entry (or
    /// from <see cref="Resolved"/>). Null when any step cannot answer (nothing there, a link to nothing, no /proc or no
    /// statx): the caller asks by path.
    /// </summary>
    internal static FoundFile? LookThroughHandle(string full)
    {
        var fd = LinuxFiles.Open(full, LinuxFiles.OpenPath | LinuxFiles.OpenCloseOnExec);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            return LinuxFiles.Status(fd) is { } status && RealPathOf(full, fd, status) is { } real
                ? new FoundFile(real, status.IsDirectory, IsSpecial: !status.IsRegular && !status.IsDirectory, status.Length, status.ModifiedTicks, status.Identity)
                : null;
        }
        finally
        {
            LinuxFiles.Close(fd);
        }
    }

    /// <summary>Forgets every real path remembered: a reader found one that no longer leads to its file.</summary>
    public static void ForgetResolvedPaths() => Resolved.Clear();

    /// <summary>
    /// The real path of the handle <paramref name="fd"/>, opened at <paramref name="full"/>. For a regular file, the one
    /// found before when that path still leads to the same file object (equal <see cref="FileIdentity"/>: not renamed,
    /// linked or changed since), else read from /proc and remembered: a request looks up the same few layers again and
    /// again, and the /proc lookup was the costliest call it made. A folder's is always read: its identity stays when a
    /// folder above it is renamed. A reader of the file checks it opened that identity (LayerStore).
    /// </summary>
    private static string? RealPathOf(string full, int fd, HandleStatus status)
    {
        if (!status.IsRegular)
        {
            return LinuxFiles.RealPathOf(fd);
        }

        var identity = status.Identity;
        if (Resolved.TryGetValue(full, out var known) && known.Identity == identity)
        {
            return known.RealPath;
        }

        if (LinuxFiles.RealPathOf(fd) is not { } real)
        {
            return null;
        }

        if (Resolved.Count >= MaxResolved)
        {
            Resolved.Clear();
        }

        Resolved[full] = (identity, real);
        return real;
    }
}
