using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Bench.Harness;

/// <summary>Loads a spec the way <c>k2 render</c> does, so keys and paths match the renderer's.</summary>
internal static class BenchSpec
{
    public static TrophySpec Load(string path)
    {
        var result = SpecLoader.LoadFile(path, new SpecParserOptions());
        return result.IsValid
            ? result.Spec!
            : throw new BenchException($"{path}: {string.Join("; ", result.Problems)}");
    }
}
