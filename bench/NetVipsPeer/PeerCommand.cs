using System.Diagnostics;
using System.Globalization;
using K2Orleans.Grains.Specs;
using NetVips;

namespace K2Orleans.Bench.NetVipsPeer;

/// <summary>
/// The library peer: the same spec rendered in-process with libvips (NetVips).
/// <c>render SPEC --out DIR --parallel N --compression C --filter F</c> prints the same summary line as <c>k2 render</c>;
/// <c>calibrate SPEC BASE_ROOT INDEX,INDEX,...</c> picks the fastest PNG setting whose bytes stay within 5% of the baseline's.
/// </summary>
internal static class PeerCommand
{
    private const string Usage = """
        usage: netvips-peer render SPEC --out DIR --parallel N --compression C --filter F
               netvips-peer calibrate SPEC BASE_ROOT INDEX,INDEX,...   (combinations the baseline rendered)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // One libvips thread per operation: the peer runs N images at once instead, like the renderer does.
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        switch (args)
        {
            case ["render", var spec, "--out", var outRoot, "--parallel", var parallel, "--compression", var compression, "--filter", var filter]:
                return Render(spec, outRoot, Int(parallel), new PngSetting(Int(compression), Enum.Parse<Enums.ForeignPngFilter>(filter, ignoreCase: true)), output);
            case ["calibrate", var spec, var baseRoot, var indices]:
                var best = Calibrator.Choose(new VipsScene(Load(spec)), baseRoot, [.. indices.Split(',').Select(i => long.Parse(i, CultureInfo.InvariantCulture))], error);
                output.WriteLine($"--compression {best.Compression} --filter {best.Filter}");
                return 0;
            default:
                error.Write(Usage);
                return 2;
        }
    }

    private static int Render(string specPath, string outRoot, int parallel, PngSetting setting, TextWriter output)
    {
        var scene = new VipsScene(Load(specPath));
        var clock = Stopwatch.StartNew();
        long next = 0;
        const int RangeSize = 64;
        var workers = Enumerable.Range(0, parallel).Select(_ => Task.Run(() =>
        {
            var worker = scene.NewWorker();
            long start;
            while ((start = Interlocked.Add(ref next, RangeSize) - RangeSize) < scene.Total)
            {
                for (var index = start; index < Math.Min(start + RangeSize, scene.Total); index++)
                {
                    var path = Path.Combine(outRoot, scene.RelativePathOf(index));
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, worker.Render(index, setting));
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rendered {scene.Total}, skipped 0, failed 0 of {scene.Total} in {seconds:F1} s ({scene.Total / Math.Max(seconds, 0.001):F1} img/s)"));
        return 0;
    }

    private static GrainInterfaces.Specs.TrophySpec Load(string path)
    {
        var result = SpecLoader.LoadFile(path, new SpecParserOptions());
        return result.IsValid ? result.Spec! : throw new InvalidOperationException($"{path}: {string.Join("; ", result.Problems)}");
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}
