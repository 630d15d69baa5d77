using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Cli.Commands;

/// <summary>Loads and checks a spec file for a command, writing every problem to the command's error writer.</summary>
public static class CliSpec
{
    /// <summary>For a command that renders here (render, validate): the layers are read through ImageMagick.</summary>
    /// <param name="decodeAssets">Decode every image and treat unusable ones as errors (validate), or only warn (render).</param>
    public static (TrophySpec Spec, long Total)? Load(string path, RenderingOptions options, bool decodeAssets, TextWriter error)
    {
        if (Parse(path, options, error) is not { } spec)
        {
            return null;
        }

        MagickCodec.Configure(options);
        var assets = new AssetChecker(new LayerStore(options)).Check(spec, decodeAssets);
        return Accept(path, spec, assets, decodeAssets, error);
    }

    /// <summary>
    /// For a command that hands the spec to a running cluster (submit, schedule): the silo reads and checks every
    /// layer itself, where it runs, so here only the paths are checked: no image is read and ImageMagick stays unloaded.
    /// </summary>
    public static (TrophySpec Spec, long Total)? LoadForCluster(string path, RenderingOptions options, TextWriter error)
    {
        if (Parse(path, options, error) is not { } spec)
        {
            return null;
        }

        var refusals = new List<SpecProblem>();
        var unusable = new List<SpecProblem>();
        foreach (var (slot, s) in spec.Slots.Select((slot, s) => (slot, s)))
        {
            foreach (var (image, o) in slot.Options.Select((option, o) => (option.Image, o)))
            {
                if (PathSafety.ResolveExistingFile(spec.AssetRoot, image, out var reason) is null)
                {
                    (reason == PathSafety.LeavesRootReason ? refusals : unusable).Add(new SpecProblem($"$.slots[{s}].options[{o}].image", $"'{image}' {reason}"));
                }
            }
        }

        return Accept(path, spec, new AssetReport(refusals, unusable), decodeAssets: false, error);
    }

    private static TrophySpec? Parse(string path, RenderingOptions options, TextWriter error)
    {
        var result = SpecLoader.LoadFile(path, SpecParserOptions.For(options));
        if (result.IsValid)
        {
            return result.Spec;
        }

        PrintProblems(path, result.Problems, error);
        return null;
    }

    private static (TrophySpec Spec, long Total)? Accept(string path, TrophySpec spec, AssetReport assets, bool decodeAssets, TextWriter error)
    {
        if (assets.Refusals.Count > 0 || (decodeAssets && assets.Unusable.Count > 0))
        {
            PrintProblems(path, [.. assets.All], error);
            return null;
        }

        foreach (var problem in assets.Unusable)
        {
            error.WriteLine($"warning: {path}: {problem} (combinations using it will fail)");
        }

        return (spec, new CombinationSpace(spec).Total);
    }

    private static void PrintProblems(string path, IReadOnlyList<SpecProblem> problems, TextWriter error)
    {
        error.WriteLine($"{path}: refused, {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
        foreach (var problem in problems.Take(SpecRules.MaxListedProblems))
        {
            error.WriteLine($"  {problem}");
        }

        if (problems.Count > SpecRules.MaxListedProblems)
        {
            error.WriteLine($"  and {problems.Count - SpecRules.MaxListedProblems} more problems not listed");
        }
    }
}
