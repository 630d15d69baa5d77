using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// Runs one path under <c>/usr/bin/time -v</c> into its own empty folder and checks it wrote exactly the images it
/// should. For xargs the peak RSS is that of its largest child (one convert), so the baseline's footprint is that
/// times the processes at once.
/// </summary>
internal sealed class PathMeasurer(SuitePaths paths, BenchLog log, int every)
{
    public Measurement Measure(string name, string spec, long expected, string outDir, IReadOnlyList<string> command, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(outDir);
        log.Say($"{name}: running");
        var timed = new TimedCommand(command, paths.File($"{name}.out"), paths.File($"{name}.err"), paths.File($"{name}.time"))
        {
            InputFile = input,
            Environment = environment ?? new Dictionary<string, string>(),
        };
        using (var process = TimedProcess.Start(timed))
        {
            process.WaitForExit(Timeout.InfiniteTimeSpan);
            if (process.ExitCode != 0)
            {
                log.Error.Write(File.ReadAllText(timed.ErrorFile!));
                throw new BenchException($"{name} failed");
            }
        }

        var time = TimeReport.Read(timed.TimeFile);
        var own = Figures.OwnRate(File.ReadAllText(timed.OutputFile));
        return Collect(name, spec, expected, outDir, Figures.Plain(time.WallSeconds), time, own);
    }

    /// <summary>Checks a path wrote exactly the images it should and adds their count and mean size to its figures.</summary>
    public Measurement Collect(string name, string spec, long expected, string outDir, string wall, TimeReport time, string own)
    {
        var files = Directory.EnumerateFiles(outDir, "*.png", SearchOption.AllDirectories).LongCount();
        if (files != expected)
        {
            throw new BenchException($"{name} wrote {files} images, expected {expected}");
        }

        var bytes = ImageBytes.Mean(new CombinationSpace(BenchSpec.Load(spec)), outDir, name.StartsWith("scale", StringComparison.Ordinal) ? 1 : every);
        var measurement = new Measurement(name, expected, wall, time.CpuSeconds, Figures.Mib(time.PeakKib), own, bytes);
        log.Say($"{name}: {wall} s wall, {bytes} bytes/image, {measurement.PeakMib} MiB peak RSS");
        return measurement;
    }
}
