using System.Diagnostics;
using System.Globalization;
using NetVips;

namespace K2Orleans.Bench.NetVipsPeer;

/// <summary>
/// Chooses the peer's PNG setting fairly: on a sample of combinations, the fastest zlib level and filter whose mean
/// size is at most 5% above the baseline's mean size for the same images.
/// </summary>
internal static class Calibrator
{
    private static readonly Enums.ForeignPngFilter[] Filters = [Enums.ForeignPngFilter.None, Enums.ForeignPngFilter.Paeth, Enums.ForeignPngFilter.All];

    public static PngSetting Choose(VipsScene scene, string baseRoot, IReadOnlyList<long> indices, TextWriter log)
    {
        var target = indices.Average(i => new FileInfo(Path.Combine(baseRoot, scene.RelativePathOf(i))).Length);
        var worker = scene.NewWorker();
        PngSetting? best = null;
        var bestSeconds = double.MaxValue;
        foreach (var filter in Filters)
        {
            for (var level = 1; level <= 9; level++)
            {
                var setting = new PngSetting(level, filter);
                worker.Render(indices[0], setting);
                var clock = Stopwatch.StartNew();
                var bytes = indices.Average(i => worker.Render(i, setting).Length);
                var seconds = clock.Elapsed.TotalSeconds;
                var fits = bytes <= target * 1.05;
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"calibrate: compression {level} filter {filter}: {bytes / target:F3}x baseline bytes, {seconds * 1000 / indices.Count:F1} ms/image{(fits ? "" : " (too big)")}"));
                if (fits && seconds < bestSeconds)
                {
                    (best, bestSeconds) = (setting, seconds);
                }
            }
        }

        return best ?? throw new InvalidOperationException("no PNG setting of libvips comes within 5% of the baseline's bytes");
    }
}
