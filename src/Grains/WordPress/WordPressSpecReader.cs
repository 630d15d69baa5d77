using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// Reads a post's <c>_k2_trophy_spec</c> the way contracts.md §1 asks for WordPress: <c>assetRoot</c> relative to
/// the configured asset root and confined to it, images reached through links that leave it refused, and the
/// <see cref="WordPressBuildRules"/> kept (own folder, ceilings).
/// </summary>
public sealed class WordPressSpecReader(string assetRoot, WordPressBuildRules rules, LayerStore layers)
{
    // The rules check the combination count against the lower ceiling and name its key; the parser's own limit, which
    // names none, is lifted. Its count saturates, and a spec over the ceiling is refused before anything enumerates it.
    // Likewise the canvas: WordPress:MaxPixelsPerImage is checked here, and the silo's Rendering:MaxImagePixels again
    // when the job starts.
    private static readonly SpecParserOptions ParserOptions = new() { MaxCombinations = long.MaxValue, MaxImagePixels = long.MaxValue };

    public string AssetRoot { get; } = Path.GetFullPath(assetRoot);

    /// <param name="json">The meta value; null when the post has none.</param>
    public SpecResult Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return SpecResult.Refused([new SpecProblem("$", $"the post has no spec ({PostMetaKeys.Spec} is missing or empty)")]);
        }

        if (json.Length > SpecLoader.MaxSpecBytes)
        {
            return SpecResult.Refused([new SpecProblem("$", $"the spec is {json.Length} characters, over the limit of {SpecLoader.MaxSpecBytes}")]);
        }

        var parsed = new SpecParser(ParserOptions).Parse(json, AssetRoot, confineToBase: true);
        if (!parsed.IsValid)
        {
            return parsed;
        }

        var broken = rules.Check(parsed.Spec!);
        if (broken.Count > 0)
        {
            return SpecResult.Refused(broken);
        }

        // Missing or undecodable images only fail the combinations that use them (contracts.md §1); a link out of
        // the asset root is a broken rule and refuses the spec.
        var refusals = new AssetChecker(layers).Check(parsed.Spec!, decode: false).Refusals;
        return refusals.Count == 0 ? parsed : SpecResult.Refused(refusals);
    }
}
