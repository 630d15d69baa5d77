namespace K2Orleans.Grains.Specs;

/// <summary>Keeps spec-supplied paths inside their root, before and after links are followed.</summary>
public static class PathSafety
{
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
    public static string? ResolveExistingFile(string root, string relative, out string? reason)
    {
        reason = DescribeUnsafeRelativePath(relative);
        if (reason is not null)
        {
            return null;
        }

        var realRoot = RealPath(root);
        if (realRoot is null)
        {
            reason = $"asset root '{root}' does not exist";
            return null;
        }

        var candidate = Path.Combine(realRoot, relative);
        if (!File.Exists(candidate))
        {
            reason = Directory.Exists(candidate) ? "is a folder, not an image file" : "does not exist";
            return null;
        }

        var real = RealPath(candidate);
        if (real is null || !IsInside(realRoot, real))
        {
            reason = LeavesRootReason;
            return null;
        }

        return real;
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

    private static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Path.Exists(full))
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

        return parts.Length == 0 ? current : null;
    }
}
