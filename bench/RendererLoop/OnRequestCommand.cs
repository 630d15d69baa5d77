using System.Diagnostics;
using System.Globalization;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Bench.RendererLoop;

/// <summary>
/// <c>renderer-loop on-request SPEC --out DIR</c>: CPU milliseconds per image of the batch renderer (every combination in
/// order, one worker) next to single renders in a shuffled order (every key once, as <c>k2-bench http-load</c> asks):
/// through the batch renderer one combination at a time (what image requests cost before the strip cache), and
/// through the on-request <see cref="StripRenderer"/> with its strip cache cold, then warm. Same process, one thread,
/// so the figures compare on a shared machine. Also the mean file size of each, in bytes.
/// </summary>
internal static class OnRequestCommand
{
    /// <summary>Images timed one by one on a fresh strip cache, after the cold and warm passes.</summary>
    private const int FirstImages = 20;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not [var specPath, "--out", var outRoot])
        {
            error.WriteLine("usage: renderer-loop on-request SPEC --out DIR");
            return 2;
        }

        var options = new RenderingOptions { MaxConcurrentRenders = 1 };
        var loaded = SpecLoader.LoadFile(specPath, new SpecParserOptions { MaxCombinations = options.MaxCombinations });
        if (!loaded.IsValid)
        {
            error.WriteLine($"{specPath}: {string.Join("; ", loaded.Problems)}");
            return 2;
        }

        MagickCodec.Configure(options);
        var spec = loaded.Spec!;
        var space = new CombinationSpace(spec);
        var shuffled = Enumerable.Range(0, (int)space.Total).Select(i => (long)i).ToArray();
        new Random(1).Shuffle(shuffled);
        var layers = new LayerStore(options);
        layers.Preload(spec);

        var batchRoot = Path.GetFullPath(Path.Combine(outRoot, "batch"));
        var batchTarget = new RenderTarget(spec, batchRoot, Force: true);
        var batch = new CombinationRenderer(layers);
        Measure("batch renderer, in order", batchRoot, space, output, () => batch.Render(batchTarget, new IndexRange(0, (int)space.Total), CancellationToken.None).Failed);

        var singleRoot = Path.GetFullPath(Path.Combine(outRoot, "single"));
        var singleTarget = new RenderTarget(spec, singleRoot, Force: true);
        var single = new CombinationRenderer(layers);
        Measure("batch renderer, one at a time, shuffled", singleRoot, space, output, () => shuffled.Sum(i => single.Render(singleTarget, new IndexRange(i, 1), CancellationToken.None).Failed));

        var stripRoot = Path.GetFullPath(Path.Combine(outRoot, "strips"));
        var stripTarget = new RenderTarget(spec, stripRoot, Force: true);
        var strips = new StripRenderer(layers, batch, options);
        Measure("strip renderer, shuffled, cache cold", stripRoot, space, output, () => shuffled.Sum(i => strips.Render(stripTarget, i).Failed));
        Measure("strip renderer, shuffled, cache warm", stripRoot, space, output, () => shuffled.Sum(i => strips.Render(stripTarget, i).Failed));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"strip cache: {strips.CachedStrips} strips, {strips.CachedBytes / 1024.0:F0} KiB"));

        // What the first requests for a trophy no one asked for yet cost: each draws and compresses most of its strips.
        var fresh = new StripRenderer(layers, batch, options);
        var firstTimes = shuffled.Take(FirstImages).Select(index =>
        {
            var started = Stopwatch.GetTimestamp();
            fresh.Render(stripTarget, index);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
        }).ToList();
        output.WriteLine($"strip renderer, cache cold, first {FirstImages} images one by one, wall ms: {string.Join(' ', firstTimes)}");
        return 0;
    }

    private static void Measure(string name, string root, CombinationSpace space, TextWriter output, Func<int> render)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var failed = render();
        var wall = clock.Elapsed;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var choices = new int[space.SlotCount];
        long bytes = 0;
        for (long i = 0; i < space.Total; i++)
        {
            space.Decode(i, choices);
            bytes += new FileInfo(Path.Combine(root, space.RelativePathOf(choices))).Length;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: cpu_ms_per_image={cpuMs / space.Total:F2} wall_ms_per_image={wall.TotalMilliseconds / space.Total:F2} mean_bytes={bytes / space.Total} failed={failed}"));
    }
}
