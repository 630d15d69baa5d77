using System.Diagnostics;
using System.Globalization;
using ImageMagick;
using K2Orleans.Bench.RendererLoop;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// <c>k2-bench corpus CORPUS_DIR WORK_DIR EVERY</c>: page weight by content (issue M). For every corpus member
/// (<c>k2-sample-generator corpus</c>) renders every <c>EVERY</c>-th combination with the seed-style baseline
/// (<c>convert-im6.q16</c>, 2 at once) and every combination with the product's renderer (<see cref="LocalRenderer"/>,
/// 2 workers) at each effort, encodes the baseline's sample of the product's images as WebP lossless, and prints a
/// markdown table of bytes and speed against the baseline. Bytes are compared on the baseline's sample.
/// </summary>
internal static class CorpusBench
{
    public const string Convert = "/usr/bin/convert-im6.q16";
    private const int Workers = 2;
    private const double RepeatBelowSeconds = 5;

    private static readonly OutputEffort[] Efforts = [OutputEffort.Default, OutputEffort.Max, OutputEffort.Fast];

    public static int Run(string corpus, string work, int every, TextWriter output)
    {
        var members = Directory.GetDirectories(corpus)
            .Where(d => File.Exists(Path.Combine(d, "trophy.json")))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (members.Count == 0)
        {
            throw new BenchException($"no trophy.json under {corpus}: run k2-sample-generator corpus {corpus} first");
        }

        var options = new RenderingOptions { MaxConcurrentRenders = Workers };
        MagickCodec.Configure(options);
        var renderer = new LocalRenderer(new CombinationRenderer(new LayerStore(options)));

        // One untimed render first, so no member pays for the JIT.
        var warm = BenchSpec.Load(Path.Combine(members[0], "trophy.json"));
        RenderProduct(renderer, warm, Path.Combine(work, "warm-up"));

        var rows = new List<CorpusRow>();
        foreach (var folder in members)
        {
            var spec = BenchSpec.Load(Path.Combine(folder, "trophy.json"));
            var space = new CombinationSpace(spec);
            var sample = BaselineSample.All(space.Total, every).ToList();
            var baselineRoot = Path.Combine(work, spec.Slug, "baseline");
            var baselineSeconds = RenderBaseline(spec, baselineRoot, every);
            var baselineBytes = MeanBytes(space, baselineRoot, sample);
            var row = new CorpusRow(spec.Slug, $"{spec.Canvas.Width}x{spec.Canvas.Height}", space.Total, baselineBytes, sample.Count / baselineSeconds);
            foreach (var effort in Efforts)
            {
                var root = Path.Combine(work, spec.Slug, effort.ToString().ToLowerInvariant());
                var seconds = BestOf(() => RenderProduct(renderer, spec with { Output = spec.Output with { Effort = effort } }, root));
                row.Bytes[effort] = MeanBytes(space, root, sample);
                row.Rate[effort] = space.Total / seconds;
            }

            (row.WebpBytes, row.WebpRate) = WebpLossless(space, Path.Combine(work, spec.Slug, "default"), sample);
            rows.Add(row);
        }

        Print(rows, every, output);
        return 0;
    }

    /// <summary>
    /// The fastest of up to 3 runs, repeated while they took under <see cref="RepeatBelowSeconds"/> together: a member's
    /// render is a fraction of a second, too short for one run's rate to mean much on a shared machine.
    /// </summary>
    private static double BestOf(Func<double> run)
    {
        var best = run();
        var total = best;
        for (var i = 1; i < 3 && total < RepeatBelowSeconds; i++)
        {
            var seconds = run();
            (best, total) = (Math.Min(best, seconds), total + seconds);
        }

        return best;
    }

    private static double RenderBaseline(TrophySpec spec, string root, int every)
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var jobs = ConvertJobs.Jobs(spec, root, every).ToList();
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Workers }, args =>
        {
            var start = new ProcessStartInfo(Convert) { RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["MAGICK_THREAD_LIMIT"] = "2";
            using var process = Process.Start(start) ?? throw new BenchException($"cannot start {Convert}");
            var problems = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new BenchException($"{Convert} exited {process.ExitCode}: {problems}");
            }
        });
        return clock.Elapsed.TotalSeconds;
    }

    private static double RenderProduct(LocalRenderer renderer, TrophySpec spec, string root)
    {
        var clock = Stopwatch.StartNew();
        var result = renderer.RenderAllAsync(new RenderTarget(spec, Path.GetFullPath(root), Force: true), Workers, null, CancellationToken.None).GetAwaiter().GetResult();
        var seconds = clock.Elapsed.TotalSeconds;
        return result.Failed == 0
            ? seconds
            : throw new BenchException($"{spec.Slug}: {result.Failed} failed, first: {result.Errors.FirstOrDefault()?.Message}");
    }

    /// <summary>Mean WebP-lossless bytes of the product's images and encoded images per second (encoding only, 2 at once).</summary>
    private static (double Bytes, double Rate) WebpLossless(CombinationSpace space, string root, List<long> sample)
    {
        var pixels = sample.Select(index => File.ReadAllBytes(Path.Combine(root, RelativePath(space, index)))).ToList();
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(pixels, new ParallelOptions { MaxDegreeOfParallelism = Workers }, png =>
        {
            using var image = new MagickImage(png);
            image.Settings.SetDefine(MagickFormat.WebP, "lossless", true);
            Interlocked.Add(ref bytes, image.ToByteArray(MagickFormat.WebP).Length);
        });
        return ((double)bytes / sample.Count, sample.Count / clock.Elapsed.TotalSeconds);
    }

    private static double MeanBytes(CombinationSpace space, string root, List<long> sample) =>
        sample.Average(index => new FileInfo(Path.Combine(root, RelativePath(space, index))).Length);

    private static string RelativePath(CombinationSpace space, long index)
    {
        var choices = new int[space.SlotCount];
        space.Decode(index, choices);
        return space.RelativePathOf(choices);
    }

    private static void Print(List<CorpusRow> rows, int every, TextWriter output)
    {
        var sample = every == 1 ? "every combination" : Invariant($"every {every}th combination (the baseline's sample)");
        output.WriteLine($"Bytes: mean file size on {sample}. img/s: the product's over all combinations, 2 workers, the best of up to 3 runs (while they take under 5 s); WebP's is encoding only (from decoded pixels), 2 at once.");
        output.WriteLine();
        output.WriteLine("| member | canvas | combinations | baseline bytes/image | default bytes vs baseline | max bytes vs baseline | fast bytes vs baseline | WebP lossless bytes vs baseline | default img/s vs baseline | max img/s vs baseline | fast img/s vs baseline | WebP img/s vs baseline |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            output.WriteLine(Invariant(
                $"| {r.Slug} | {r.Canvas} | {r.Combinations} | {r.BaselineBytes:F0} | {r.Ratio(OutputEffort.Default):F3}x | {r.Ratio(OutputEffort.Max):F3}x | {r.Ratio(OutputEffort.Fast):F3}x | {r.WebpBytes / r.BaselineBytes:F3}x | {r.Rate[OutputEffort.Default] / r.BaselineRate:F1}x | {r.Rate[OutputEffort.Max] / r.BaselineRate:F1}x | {r.Rate[OutputEffort.Fast] / r.BaselineRate:F1}x | {r.WebpRate / r.BaselineRate:F1}x |"));
        }

        output.WriteLine(Invariant(
            $"| median | | | | {Median(rows.Select(r => r.Ratio(OutputEffort.Default))):F3}x | {Median(rows.Select(r => r.Ratio(OutputEffort.Max))):F3}x | {Median(rows.Select(r => r.Ratio(OutputEffort.Fast))):F3}x | {Median(rows.Select(r => r.WebpBytes / r.BaselineBytes)):F3}x | {Median(rows.Select(r => r.Rate[OutputEffort.Default] / r.BaselineRate)):F1}x | {Median(rows.Select(r => r.Rate[OutputEffort.Max] / r.BaselineRate)):F1}x | {Median(rows.Select(r => r.Rate[OutputEffort.Fast] / r.BaselineRate)):F1}x | {Median(rows.Select(r => r.WebpRate / r.BaselineRate)):F1}x |"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record CorpusRow(string Slug, string Canvas, long Combinations, double BaselineBytes, double BaselineRate)
    {
        public Dictionary<OutputEffort, double> Bytes { get; } = [];

        public Dictionary<OutputEffort, double> Rate { get; } = [];

        public double WebpBytes { get; set; }

        public double WebpRate { get; set; }

        public double Ratio(OutputEffort effort) => Bytes[effort] / BaselineBytes;
    }
}
