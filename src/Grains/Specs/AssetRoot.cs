namespace K2Orleans.Grains.Specs;

/// <summary>
/// An asset root as a spec names it and as its links resolve (null when it does not exist), looked up once for all the
/// files a render or an image request reads under it.
/// </summary>
public sealed record AssetRoot(string Given, string? RealPath)
{
    public static AssetRoot Resolve(string root) => new(root, PathSafety.RealPath(root));
}
