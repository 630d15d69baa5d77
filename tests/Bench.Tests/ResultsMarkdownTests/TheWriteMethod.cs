using K2Orleans.Bench.Harness.Suite;
using K2Orleans.Bench.Tests.Support;

namespace K2Orleans.Bench.Tests.ResultsMarkdownTests;

public sealed class TheWriteMethod
{
    // The quick run of bench/results.md as bench/run.sh wrote it before the run moved into the harness.
    private const string QuickRun = """
        # Benchmark results

        Written by `bench/run.sh --quick` on 2026-12-03 17:51 UTC: 2 cores (AMD EPYC),
        load average before the run 1.87 2.44 3.21 (the machine is shared), commit 146b9f2.
        Spec: `bench-900` (900 combinations of 500x800 PNG, 4 layers, no tint, no optional slot).
        Quick mode: the baseline renders every 5th combination (180 images), the other paths all 900;
        bytes/image of every path is the mean over the baseline's images.
        Every .NET path runs from a ReadyToRun publish (`dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true`).
        Every path renders into its own empty folder; img/s is images over the whole process's wall time (start-up included);
        "own img/s" is what the tool reports for its render phase. CPU ms/image is user plus system time over images (steadier
        than wall time on a shared machine). Peak RSS from `/usr/bin/time -v`.

        | path | images | wall s | img/s | own img/s | img/s vs baseline | CPU ms/image | bytes/image | bytes vs baseline | peak RSS MiB | pixels vs baseline |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        | seed-style: one `convert-im6.q16` per image, 2 at once, MAGICK_THREAD_LIMIT=2 | 180 | 12.31 | 14.6 | - | 1.00x | 134.1 | 176299 | 1.00x | 14 | reference |
        | NetVips 3.2.0 / libvips 8.18.7 in-process, 2 workers, PNG `--compression 4 --filter Paeth` | 900 | 14.71 | 61.2 | 62.2 | 4.19x | 29.4 | 184837 | 1.05x | 81 | MORE THAN 1 LEVEL: max=2 differing=4203 images=12 |
        | renderer tight loop (LocalRenderer, no Orleans), 2 workers | 900 | 3.35 | 268.7 | 280.3 | 18.40x | 7.1 | 173820 | 0.99x | 155 | within 1 level: max=1 differing=3000 images=12 |
        | full pipeline: `k2 render --parallel 2`, 1 silo | 900 | 4.93 | 182.6 | 270.0 | 12.51x | 9.4 | 173820 | 0.99x | 195 | within 1 level: max=1 differing=3000 images=12 |
        | full pipeline, 2 silos on one host: `k2 submit` + `k2 watch` against 2 `k2orleans-silo`, each with MaxConcurrentRenders 1 (*) | 900 | 6.00 | 150.0 | 187.0 | 10.27x | 15.0 | 173820 | 0.99x | 183 | within 1 level: max=1 differing=3000 images=12 |

        (*) The 2 silos together have as many render slots as the other paths have workers. Their start-up is not in its
        wall time, which runs from `k2 submit` to the end of `k2 watch` (a daemon is already up); own img/s is the job's
        own rate. Its CPU ms/image is both silos' user plus system time over their whole life (start-up and shutdown
        included, the k2 client processes not); from `k2 submit` to the end of `k2 watch` alone they used
        9.8 CPU ms/image. Peak RSS is the larger silo's.

        Baseline peak RSS is one `convert` process; 2 run at once. Pixel check: `max` is the largest difference of one
        channel in 8-bit levels over the sampled images (fully transparent pixels compare equal), `differing` counts channels.
        NetVips PNG setting: the fastest zlib level and filter whose bytes stay within 5% of the baseline's on 8 of the
        baseline's images (`bench/NetVipsPeer/Calibrator.cs`, log in `/tmp/k2-bench/calibrate.log`).

        """;

    [Fact]
    public void ShouldWriteTheQuickRunAsTheScriptDid()
    {
        Assert.Equal(QuickRun, Written(Some.QuickReport()));
    }

    [Fact]
    public void ShouldKeepTheHistoryBelowTheTable()
    {
        var written = Written(Some.QuickReport() with { History = "<!-- history: kept by bench/run.sh below its table -->\n## Older" });

        Assert.EndsWith("calibrate.log`).\n\n<!-- history: kept by bench/run.sh below its table -->\n## Older\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldSayNothingOfTheSampleInFullMode()
    {
        var written = Written(Some.QuickReport() with { Mode = "full", Every = 1 });

        Assert.Contains("Written by `bench/run.sh --full`", written, StringComparison.Ordinal);
        Assert.DoesNotContain("Quick mode", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAddTheScaleAndOverheadSectionsInFullMode()
    {
        var report = Some.QuickReport() with
        {
            ScaleRows = [new Measurement("scale10", 12825, "20.5", 30, 150, "700.0", 4100)],
            OverheadRows = [new OverheadRow("bench-1", 1, 0.9, 1.8, 5, 2.5)],
        };

        var written = Written(report);

        Assert.Contains("| `k2 render`, 1 silo | 12825 | 20.5 | 626 | 700.0 | 4100 | 150 |\n", written, StringComparison.Ordinal);
        Assert.Contains("| bench-1 | 1 | 0.9 | 1.8 | 0.50x | 5 | 2.5 | 0.50x |\n", written, StringComparison.Ordinal);
    }

    private static string Written(SuiteReport report)
    {
        var writer = new StringWriter();
        ResultsMarkdown.Write(report, writer);
        return writer.ToString();
    }
}
