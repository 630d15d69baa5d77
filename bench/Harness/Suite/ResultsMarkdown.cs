using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>Writes bench/results.md: the header, the table of the five paths, its notes, the full mode's sections, the history.</summary>
internal static class ResultsMarkdown
{
    private const string HistoryMarker = "<!-- history";

    public static void Write(SuiteReport r, TextWriter w)
    {
        var cores = r.Cores.ToString(CultureInfo.InvariantCulture);
        var baseline = r.Paths["baseline"];
        var pair = r.Paths["k2pair"];
        Line(w, "# Benchmark results");
        Line(w);
        Line(w, $"Written by `bench/run.sh --{r.Mode}` on {r.WrittenUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: {cores} cores ({r.CpuModel}),");
        Line(w, $"load average before the run {r.LoadBefore} (the machine is shared), commit {r.Revision}.");
        Line(w, $"Spec: `bench-900` ({r.Total} combinations of 500x800 PNG, 4 layers, no tint, no optional slot).");
        if (r.Every > 1)
        {
            Line(w, $"Quick mode: the baseline renders every {r.Every}th combination ({baseline.Count} images), the other paths all {r.Total};");
            Line(w, "bytes/image of every path is the mean over the baseline's images.");
        }

        Line(w, "Every .NET path runs from a ReadyToRun publish (`dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true`).");
        Line(w, "Every path renders into its own empty folder; img/s is images over the whole process's wall time (start-up included);");
        Line(w, "\"own img/s\" is what the tool reports for its render phase. CPU ms/image is user plus system time over images (steadier");
        Line(w, "than wall time on a shared machine). Peak RSS from `/usr/bin/time -v`.");
        Line(w);
        Line(w, "| path | images | wall s | img/s | own img/s | img/s vs baseline | CPU ms/image | bytes/image | bytes vs baseline | peak RSS MiB | pixels vs baseline |");
        Line(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Row(w, baseline, baseline, $"seed-style: one `convert-im6.q16` per image, {cores} at once, MAGICK_THREAD_LIMIT=2", "reference");
        Row(w, r.Paths["netvips"], baseline, $"NetVips 3.2.0 / libvips 8.18.7 in-process, {cores} workers, PNG `{r.PeerSetting}`", r.Checks["netvips"]);
        Row(w, r.Paths["loop"], baseline, $"renderer tight loop (LocalRenderer, no Orleans), {cores} workers", r.Checks["loop"]);
        Row(w, r.Paths["k2"], baseline, $"full pipeline: `k2 render --parallel {cores}`, 1 silo", r.Checks["k2"]);
        Row(w, pair, baseline, $"full pipeline, 2 silos on one host: `k2 submit` + `k2 watch` against 2 `k2orleans-silo`, each with MaxConcurrentRenders {r.SlotsPerSilo} (*)", r.Checks["k2pair"]);
        Line(w);
        Line(w, "(*) The 2 silos together have as many render slots as the other paths have workers. Their start-up is not in its");
        Line(w, "wall time, which runs from `k2 submit` to the end of `k2 watch` (a daemon is already up); own img/s is the job's");
        Line(w, "own rate. Its CPU ms/image is both silos' user plus system time over their whole life (start-up and shutdown");
        Line(w, "included, the k2 client processes not); from `k2 submit` to the end of `k2 watch` alone they used");
        Line(w, $"{Figures.CpuMsPerImage(r.PairJobCpuSeconds, pair.Count)} CPU ms/image. Peak RSS is the larger silo's.");
        Line(w);
        Line(w, $"Baseline peak RSS is one `convert` process; {cores} run at once. Pixel check: `max` is the largest difference of one");
        Line(w, "channel in 8-bit levels over the sampled images (fully transparent pixels compare equal), `differing` counts channels.");
        Line(w, "NetVips PNG setting: the fastest zlib level and filter whose bytes stay within 5% of the baseline's on 8 of the");
        Line(w, $"baseline's images (`bench/NetVipsPeer/Calibrator.cs`, log in `{r.Work}/calibrate.log`).");
        WriteScale(r, w);
        WriteOverhead(r, w, cores);
        if (r.History.Length > 0)
        {
            Line(w);
            Line(w, r.History);
        }
    }

    /// <summary>The results file from the first line that starts with the history marker on, trailing newlines trimmed; "" if none.</summary>
    public static string HistoryOf(string results)
    {
        var lines = results.Split('\n');
        var marker = Array.FindIndex(lines, l => l.StartsWith(HistoryMarker, StringComparison.Ordinal));
        return marker < 0 ? "" : string.Join('\n', lines[marker..]).TrimEnd('\n');
    }

    private static void Row(TextWriter w, Measurement m, Measurement baseline, string label, string pixels)
    {
        var own = m.OwnRate.Length > 0 ? m.OwnRate : "-";
        Line(w, $"| {label} | {m.Count} | {m.Wall} | {m.Rate} | {own} | {Figures.Ratio(m.Rate, baseline.Rate)} | {Figures.CpuMsPerImage(m.CpuSeconds, m.Count)} | {m.Bytes} | {Figures.Ratio(m.Bytes, baseline.Bytes)} | {m.PeakMib} | {pixels} |");
    }

    private static void WriteScale(SuiteReport r, TextWriter w)
    {
        if (r.ScaleRows.Count == 0)
        {
            return;
        }

        Line(w);
        Line(w, "## Peak RSS against job size (scale-128k, 64x96 canvas, tints and an optional slot)");
        Line(w);
        Line(w, "| path | combinations | wall s | img/s | own img/s | bytes/image | peak RSS MiB |");
        Line(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in r.ScaleRows)
        {
            Line(w, $"| `k2 render`, 1 silo | {m.Count} | {m.Wall} | {Figures.Fixed(m.Count / Figures.Number(m.Wall), 0)} | {m.OwnRate} | {m.Bytes} | {m.PeakMib} |");
        }
    }

    private static void WriteOverhead(SuiteReport r, TextWriter w, string cores)
    {
        if (r.OverheadRows.Count == 0)
        {
            return;
        }

        Line(w);
        Line(w, "## Full pipeline against the renderer tight loop, by job size (bench-900 cut down and widened)");
        Line(w);
        Line(w, $"`k2 render --parallel {cores} --force` and the tight loop with {cores} workers, alternating, three runs each; medians.");
        Line(w, "Wall includes each process's start-up; own img/s is each tool's render phase (for `k2 render`, job start to end).");
        Line(w, "bench-1 is one combination: the fixed cost of each process. bench-3600 repeats the 3 bases 4 times, one pixel apart.");
        Line(w);
        Line(w, "| spec | images | loop wall s | k2 wall s | k2 vs loop, wall | loop own img/s | k2 own img/s | k2 vs loop, own rate |");
        Line(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var o in r.OverheadRows)
        {
            string lw = Figures.Plain(o.LoopWall), kw = Figures.Plain(o.K2Wall), lo = Figures.Plain(o.LoopOwn), ko = Figures.Plain(o.K2Own);
            Line(w, $"| {o.Label} | {o.Count} | {lw} | {kw} | {Figures.Ratio(lw, kw)} | {lo} | {ko} | {Figures.Ratio(ko, lo)} |");
        }
    }

    private static void Line(TextWriter w, string text = "")
    {
        w.Write(text);
        w.Write('\n');
    }
}
