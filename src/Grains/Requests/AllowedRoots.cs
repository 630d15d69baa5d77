using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.Requests;

/// <summary>
/// The folders a silo may write images into and read layers from. A request naming any other folder is refused,
/// whoever sends it: the CLI, the WordPress poller, or any program that reaches the gateway port.
/// </summary>
public sealed class AllowedRoots
{
    public AllowedRoots(IEnumerable<string> outputs, IEnumerable<string> assets)
    {
        Outputs = [.. outputs.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
        Assets = [.. assets.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Outputs { get; }

    public IReadOnlyList<string> Assets { get; }

    /// <summary>The roots a silo allows: the listed ones, the configured default roots, and maybe the working folder.</summary>
    /// <param name="extraOutputs">Further configured roots (WordPress:OutputRoot), empty ones ignored.</param>
    /// <param name="extraAssets">Further configured roots (WordPress:AssetRoot), empty ones ignored.</param>
    public static AllowedRoots For(RenderingOptions rendering, IEnumerable<string> extraOutputs, IEnumerable<string> extraAssets, bool workingFolderByDefault)
    {
        var workingFolder = rendering.AllowWorkingFolder ?? workingFolderByDefault ? [Environment.CurrentDirectory] : Array.Empty<string>();
        return new AllowedRoots(
            [.. rendering.OutputRoots, rendering.OutputRoot, .. extraOutputs.Where(r => r.Length > 0), .. workingFolder],
            [.. rendering.AssetRoots, rendering.AssetRoot, .. extraAssets.Where(r => r.Length > 0), .. workingFolder]);
    }

    /// <summary>Why <paramref name="root"/> may not be written into, or null when it lies in an allowed output root.</summary>
    public string? OutputProblem(string? root) => Problem("output root", root, Outputs, "Rendering:OutputRoots");

    /// <summary>Why layers may not be read from <paramref name="root"/>, or null when it lies in an allowed asset root.</summary>
    public string? AssetProblem(string? root) => Problem("asset root", root, Assets, "Rendering:AssetRoots");

    private static string? Problem(string what, string? root, IReadOnlyList<string> allowed, string key)
    {
        if (string.IsNullOrEmpty(root) || root.Contains('\0') || !Path.IsPathFullyQualified(root))
        {
            return $"{what} '{root}' must be an absolute folder path";
        }

        // Both sides with their links resolved: an allowed folder may itself be a link, and a link inside it may not
        // lead out.
        var real = PathSafety.RealPathAllowingMissing(Path.GetFullPath(root));
        foreach (var folder in allowed)
        {
            var allowedReal = PathSafety.RealPathAllowingMissing(folder);
            if (real == allowedReal || PathSafety.IsInside(allowedReal, real))
            {
                return null;
            }
        }

        return $"{what} '{root}' is not inside a folder allowed by {key} (or the configured default root)";
    }
}
