using System.Diagnostics;
using System.Globalization;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Bench.RendererLoop;

/// <summary>
/// <c>renderer-loop SPEC --out DIR --parallel N</c>: the product renderer (LocalRenderer over CombinationRenderer)
/// with no Orleans and no progress display, every image forced. Prints the same summary line as <c>k2 render</c>.
/// </summary>
internal static class LoopCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var specPath, "--out", var outRoot, "--parallel", var parallelText]
            || !int.TryParse(parallelText, CultureInfo.InvariantCulture, out var parallel) || parallel < 1)
        {
            error.WriteLine("usage: renderer-loop SPEC --out DIR --parallel N");
            return 2;
        }

        var options = new RenderingOptions { MaxConcurrentRenders = parallel };
        var loaded = SpecLoader.LoadFile(specPath, new SpecParserOptions { MaxCombinations = options.MaxCombinations });
        if (!loaded.IsValid)
        {
            error.WriteLine($"{specPath}: {string.Join("; ", loaded.Problems)}");
            return 2;
        }

        MagickCodec.Configure(options);
        var spec = loaded.Spec!;
        var total = new CombinationSpace(spec).Total;
        var renderer = new LocalRenderer(new CombinationRenderer(new LayerStore(options)));
        var clock = Stopwatch.StartNew();
        var result = await renderer.RenderAllAsync(new RenderTarget(spec, Path.GetFullPath(outRoot), Force: true), parallel, null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rendered {result.Rendered}, skipped {result.Skipped}, failed {result.Failed} of {total} in {seconds:F1} s ({result.Processed / Math.Max(seconds, 0.001):F1} img/s)"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gc: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(1)} gen1, {GC.CollectionCount(2)} gen2, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, allocated {GC.GetTotalAllocatedBytes() / 1048576} MiB"));
        foreach (var problem in result.Errors)
        {
            error.WriteLine($"failed {problem.Key}: {problem.Message}");
        }

        return result.Failed > 0 ? 1 : 0;
    }
}
