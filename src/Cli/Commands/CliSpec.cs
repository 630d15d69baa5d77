using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Cli.Commands;

/// <summary>Loads and checks a spec file for a command, printing every problem to stderr.</summary>
public static class CliSpec
{
    /// <param name="decodeAssets">Decode every image and treat unusable ones as errors (validate), or only warn (render).</param>
    public static (TrophySpec Spec, long Total, LayerStore Layers, AssetReport Assets)? Load(string path, RenderingOptions options, bool decodeAssets)
    {
        var result = SpecLoader.LoadFile(path, SpecParserOptions.For(options));
        if (!result.IsValid)
        {
            PrintProblems(path, result.Problems);
            return null;
        }

        MagickCodec.Configure(options);
        var layers = new LayerStore(options);
        var spec = result.Spec!;
        var assets = new AssetChecker(layers).Check(spec, decodeAssets);
        if (assets.Refusals.Count > 0 || (decodeAssets && assets.Unusable.Count > 0))
        {
            PrintProblems(path, [.. assets.All]);
            return null;
        }

        foreach (var problem in assets.Unusable)
        {
            System.Console.Error.WriteLine($"warning: {path}: {problem} (combinations using it will fail)");
        }

        return (spec, new CombinationSpace(spec).Total, layers, assets);
    }

    private static void PrintProblems(string path, IReadOnlyList<SpecProblem> problems)
    {
        System.Console.Error.WriteLine($"{path}: refused, {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
        foreach (var problem in problems.Take(SpecRules.MaxListedProblems))
        {
            System.Console.Error.WriteLine($"  {problem}");
        }

        if (problems.Count > SpecRules.MaxListedProblems)
        {
            System.Console.Error.WriteLine($"  and {problems.Count - SpecRules.MaxListedProblems} more problems not listed");
        }
    }
}
