using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Requests;
using K2Orleans.Grains.Specs;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// Checks a spec sent to the silo's <c>/validate</c> or <c>/preview</c> with <c>k2 validate</c>'s rules and JSON
/// paths. A relative <c>assetRoot</c> resolves against <c>Rendering:AssetRoot</c>, as WordPress specs do; whatever it
/// names must lie in an allowed asset root before a single layer file is looked at.
/// </summary>
public sealed class RemoteSpecCheck(IOptions<RenderingOptions> rendering, AllowedRoots roots, LayerStore layers)
{
    /// <param name="decodeAssets">Decode every layer (validate) or only check the ones a render will need (preview).</param>
    public RemoteSpecResult Check(string json, bool decodeAssets)
    {
        var options = rendering.Value;
        var parsed = new SpecParser(SpecParserOptions.For(options)).Parse(json, Path.GetFullPath(options.AssetRoot));
        if (!parsed.IsValid)
        {
            return new RemoteSpecResult(null, parsed.Problems);
        }

        var spec = parsed.Spec!;
        if (roots.AssetProblem(spec.AssetRoot) is { } outside)
        {
            return new RemoteSpecResult(null, [new SpecProblem("$.assetRoot", outside)]);
        }

        if (!decodeAssets)
        {
            return new RemoteSpecResult(spec, []);
        }

        var assets = new AssetChecker(layers).Check(spec, decode: true);
        return new RemoteSpecResult(assets.Refusals.Count > 0 ? null : spec, [.. assets.All]);
    }
}
