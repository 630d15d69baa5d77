using System.CommandLine;
using K2Orleans.Cli.Progress;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Rendering;
using K2Orleans.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 render SPEC.json [--out DIR] [--force] [--parallel N]</c>: every combination through an in-process silo.</summary>
public static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The trophy spec JSON file" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder (default: ./out)" };
        var force = new Option<bool>("--force") { Description = "Render every combination, even up-to-date ones" };
        var parallel = new Option<int>("--parallel") { Description = "Renders at once (default: the core count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("render", "Render every combination of a trophy, no server needed") { spec, output, force, parallel };
        command.SetAction((parse, cancellation) => RunAsync(context,
            parse.GetValue(spec)!, parse.GetValue(output), parse.GetValue(force), parse.GetValue(parallel), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, FileInfo specFile, DirectoryInfo? outputDir, bool force, int parallel, CancellationToken cancellation)
    {
        if (parallel is < 1 or > 1024)
        {
            await context.Error.WriteLineAsync($"--parallel must be 1..1024, is {parallel}");
            return ExitCodes.BadInput;
        }

        var options = new RenderingOptions { MaxConcurrentRenders = parallel };
        var loaded = CliSpec.Load(specFile.FullName, options, decodeAssets: false, context.Error);
        if (loaded is null)
        {
            return ExitCodes.BadInput;
        }

        var outputRoot = Path.GetFullPath(outputDir?.FullName ?? options.OutputRoot);

        // The embedded silo serves only this command's user: the folders they named are the allowed ones.
        options.OutputRoots.Add(outputRoot);
        options.AssetRoots.Add(loaded.Value.Spec.AssetRoot);
        using var silo = await EmbeddedSilo.StartAsync(options, loaded.Value.Spec, CancellationToken.None);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var started = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(new JobRequest(loaded.Value.Spec, outputRoot, force));
        var job = grains.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf(started.Id));
        var finished = await JobWatcher.WatchAsync(context, job.GetStatusAsync, job.CancelAsync, cancellation);
        await silo.StopAsync(CancellationToken.None);
        return JobWatcher.Report(context, finished);
    }
}
