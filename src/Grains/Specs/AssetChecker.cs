using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Specs;

/// <summary>Checks every option image of a parsed spec: inside the asset root, present, decodable, within limits.</summary>
public sealed class AssetChecker(LayerStore layers)
{
    /// <param name="decode">Also decode each image (catches corrupt files); without it only paths and links are checked.</param>
    public AssetReport Check(TrophySpec spec, bool decode)
    {
        var refusals = new List<SpecProblem>();
        var unusable = new List<SpecProblem>();
        var root = AssetRoot.Resolve(spec.AssetRoot);
        for (var s = 0; s < spec.Slots.Length; s++)
        {
            var options = spec.Slots[s].Options;
            for (var o = 0; o < options.Length; o++)
            {
                var path = $"$.slots[{s}].options[{o}].image";
                var image = options[o].Image;
                if (PathSafety.FindExistingFile(root, image, out var reason) is null)
                {
                    var problem = new SpecProblem(path, $"'{image}' {reason}");
                    (reason == PathSafety.LeavesRootReason ? refusals : unusable).Add(problem);
                    continue;
                }

                var file = layers.Get(root, image);
                if (file.Error is { } error)
                {
                    unusable.Add(new SpecProblem(path, error));
                    continue;
                }

                if (decode)
                {
                    try
                    {
                        file.Decode();
                    }
                    catch (LayerUnavailableException e)
                    {
                        unusable.Add(new SpecProblem(path, e.Message));
                    }
                }
            }
        }

        return new AssetReport(refusals, unusable);
    }
}
