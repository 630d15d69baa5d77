using System.Globalization;
using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// <c>k2-bench run</c>: the side-by-side benchmark behind bench/run.sh. Renders bench-900 five ways (the seed-style
/// baseline, the NetVips peer, the renderer's tight loop, <c>k2 render</c> and two silos on one host), each into its
/// own empty folder, checks their pixels against the baseline and writes bench/results.md.
/// </summary>
internal sealed class BenchSuite(SuiteOptions options, SuitePaths paths, BenchLog log)
{
    private readonly int cores = Environment.ProcessorCount;

    public static int Run(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        if (SuiteOptions.Parse(args) is not { } options)
        {
            error.WriteLine(SuiteOptions.Usage);
            return 2;
        }

        var log = new BenchLog(error);
        try
        {
            return new BenchSuite(options, SuitePaths.FromEnvironment(), log).Run(output);
        }
        catch (BenchException e)
        {
            log.Say($"error: {e.Message}");
            return 1;
        }
    }

    private int Run(TextWriter output)
    {
        Prerequisites.Install(log);
        paths.CheckPrograms();
        if (Directory.Exists(paths.Work))
        {
            Directory.Delete(paths.Work, recursive: true);
        }

        Directory.CreateDirectory(paths.Work);
        log.Say($"writing the bench specs to {paths.Work}/specs");
        Command.Output("dotnet", paths.Generator, "bench", Path.Combine(paths.Work, "specs"));

        // Quick mode: the slow baseline renders every 5th combination, the others all of them; sizes and pixels are
        // compared on the baseline's images, throughput is images over time for each path's own count.
        var spec = Path.Combine(paths.Work, "specs/bench-900/trophy.json");
        var space = new CombinationSpace(BenchSpec.Load(spec));
        var every = options.Every;
        var baselineTotal = ((space.Total - 1) / every) + 1;
        log.Say($"spec {spec}: {space.Total} combinations (baseline: {baselineTotal}), {cores} cores, mode {options.Mode}");
        var loadBefore = Machine.LoadAverage();

        var measurer = new PathMeasurer(paths, log, every);
        var commands = new PathCommands(paths, cores);
        var measured = new Dictionary<string, Measurement>();
        var baselineOut = paths.Out("baseline");
        var jobs = paths.File("convert.jobs");
        var perJob = ConvertJobs.Write(BenchSpec.Load(spec), baselineOut, jobs, every);
        measured["baseline"] = measurer.Measure("baseline", spec, baselineTotal, baselineOut, commands.Baseline(perJob), jobs, new Dictionary<string, string> { ["MAGICK_THREAD_LIMIT"] = "2" });

        var peerSetting = Calibrate(spec, baselineOut, space.Total, every);
        measured["netvips"] = measurer.Measure("netvips", spec, space.Total, paths.Out("netvips"), commands.NetVips(spec, paths.Out("netvips"), peerSetting));
        measured["loop"] = measurer.Measure("loop", spec, space.Total, paths.Out("loop"), commands.Loop(spec, paths.Out("loop")));
        measured["k2"] = measurer.Measure("k2", spec, space.Total, paths.Out("k2"), commands.K2Render(spec, paths.Out("k2")));
        double pairJobCpu;
        using (var pair = new SiloPair(paths, log, measurer, cores))
        {
            measured["k2pair"] = pair.Measure("k2pair", spec, space.Total, paths.Out("k2pair"));
            pairJobCpu = pair.JobCpuSeconds;
        }

        var (checks, pixelsOk) = CheckPixels(space, every);
        var full = new FullModeRuns(paths, measurer, commands);
        var scaleRows = options.Full ? full.Scale() : [];
        var overheadRows = options.Full ? full.Overhead(spec) : [];
        Write(
            new SuiteReport
            {
                Mode = options.Mode,
                WrittenUtc = DateTime.UtcNow,
                Cores = cores,
                CpuModel = Machine.CpuModel(),
                LoadBefore = loadBefore,
                Revision = Machine.Revision(paths.Repo),
                Total = space.Total,
                Every = every,
                PeerSetting = peerSetting,
                Work = paths.Work,
                Paths = measured,
                Checks = checks,
                PairJobCpuSeconds = pairJobCpu,
                ScaleRows = scaleRows,
                OverheadRows = overheadRows,
                History = History(),
            },
            output);
        return pixelsOk ? 0 : throw new BenchException("an output of the project differs from the baseline by more than one level");
    }

    private string Calibrate(string spec, string baselineOut, long total, int every)
    {
        log.Say("netvips: calibrating PNG settings against the baseline's bytes");
        var sample = string.Join(',', BaselineSample.Spread(total, every, 8));
        var calibrate = Command.Capture("dotnet", [paths.Peer, "calibrate", spec, baselineOut, sample], TimeSpan.FromMinutes(30));
        File.WriteAllText(paths.File("calibrate.log"), calibrate.Error);
        return calibrate.Succeeded
            ? calibrate.Output.TrimEnd('\n')
            : throw new BenchException($"netvips calibration failed (log in {paths.File("calibrate.log")})");
    }

    private (Dictionary<string, string> Checks, bool PixelsOk) CheckPixels(CombinationSpace space, int every)
    {
        var checks = new Dictionary<string, string>();
        var ok = true;
        foreach (var name in new[] { "netvips", "loop", "k2", "k2pair" })
        {
            log.Say($"{name}: pixel check against the baseline on {options.Samples} images");
            var figures = new StringWriter(CultureInfo.InvariantCulture);
            var within = PixelCheck.Run(space, paths.Out("baseline"), paths.Out(name), BaselineSample.Spread(space.Total, every, options.Samples), figures) == 0;
            checks[name] = (within ? "within 1 level: " : "MORE THAN 1 LEVEL: ") + figures.ToString().TrimEnd('\n');

            // The peer is not ours to fix; our own paths must match the baseline.
            ok &= within || name == "netvips";
        }

        return (checks, ok);
    }

    private string History() => File.Exists(paths.Results) ? ResultsMarkdown.HistoryOf(File.ReadAllText(paths.Results)) : "";

    private void Write(SuiteReport report, TextWriter output)
    {
        using (var file = new StreamWriter(paths.Results))
        {
            ResultsMarkdown.Write(report, file);
        }

        log.Say($"wrote {paths.Results}");
        output.Write(File.ReadAllText(paths.Results));
    }
}
