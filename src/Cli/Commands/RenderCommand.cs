using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using K2Orleans.Cli.Console;
using K2Orleans.Grains.Progress;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 render SPEC.json [--out DIR] [--force] [--parallel N]</c>: every combination, no server needed.</summary>
public static class RenderCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The trophy spec JSON file" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (default: ./out)" };
        var force = new Option<bool>("--force") { Description = "Render every combination, even up-to-date ones" };
        var parallel = new Option<int>("--parallel") { Description = "Renders at once (default: the core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("render", "Render every combination of a trophy") { spec, output, force, parallel };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(spec)!, parse.GetValue(output), parse.GetValue(force), parse.GetValue(parallel), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo specFile, DirectoryInfo? outputDir, bool force, int parallel, CancellationToken cancellation)
    {
        if (parallel is < 1 or > 1024)
        {
            await System.Console.Error.WriteLineAsync($"--parallel must be 1..1024, is {parallel}");
            return ExitCodes.BadInput;
        }

        var options = new RenderingOptions { MaxConcurrentRenders = parallel };
        var loaded = CliSpec.Load(specFile.FullName, options, decodeAssets: false);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        MagickCodec.Configure(options);
        var outputRoot = Path.GetFullPath(outputDir?.FullName ?? options.OutputRoot);
        var target = new RenderTarget(loaded.Value.Spec, outputRoot, force);
        var display = new ProgressDisplay(System.Console.Out, !System.Console.IsOutputRedirected);
        var rate = new RateWindow(TimeSpan.FromSeconds(10));
        var rateLock = new Lock();
        long processed = 0;
        var total = loaded.Value.Total;
        var clock = Stopwatch.StartNew();
        void OnEach(RenderOutcome outcome)
        {
            var count = Interlocked.Increment(ref processed);
            double? perSecond, eta;
            lock (rateLock)
            {
                rate.Add(DateTimeOffset.UtcNow, count);
                perSecond = rate.PerSecond();
                eta = rate.EtaSeconds(total - count);
            }

            display.Report(count, total, perSecond, eta);
        }

        var result = await new LocalRenderer(new CombinationRenderer(loaded.Value.Layers)).RenderAllAsync(target, parallel, OnEach, cancellation);
        display.Report(result.Processed, total, null, 0, force: true);
        display.Finish();
        var seconds = clock.Elapsed.TotalSeconds;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rendered {result.Rendered}, skipped {result.Skipped}, failed {result.Failed} of {total} in {seconds:F1} s ({result.Processed / Math.Max(seconds, 0.001):F1} img/s)"));
        foreach (var error in result.Errors)
        {
            await System.Console.Error.WriteLineAsync($"failed {error.Key}: {error.Message}");
        }

        if (cancellation.IsCancellationRequested)
        {
            await System.Console.Error.WriteLineAsync($"cancelled after {result.Processed} of {total}");
            return ExitCodes.SomeFailed;
        }

        return result.Failed > 0 ? ExitCodes.SomeFailed : ExitCodes.Success;
    }
}
