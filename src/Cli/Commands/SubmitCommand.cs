using System.CommandLine;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 submit SPEC.json [--out DIR] [--force]</c>: starts a job on a running cluster; the job id alone on stdout's first line.</summary>
public static class SubmitCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<FileInfo>("SPEC") { Description = "The trophy spec JSON file" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder as the silo sees it (default: ./out)" };
        var force = new Option<bool>("--force") { Description = "Render every combination, even up-to-date ones" };
        var command = new Command("submit", "Start a job on a running cluster and print its id") { spec, output, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = new RenderingOptions();
            var loaded = CliSpec.LoadForCluster(parse.GetValue(spec)!.FullName, options, context.Error);
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            var outputRoot = Path.GetFullPath(parse.GetValue(output)?.FullName ?? options.OutputRoot);
            var request = new JobRequest(loaded.Value.Spec, outputRoot, parse.GetValue(force));
            return await CliCluster.WithClientAsync(context, async client =>
            {
                var job = await client.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
                await context.Out.WriteLineAsync(job.Id);
                await context.Error.WriteLineAsync($"{job.Status.ToString().ToLowerInvariant()}: {job.Total} combinations of {job.Trophy} into {outputRoot}");
                return ExitCodes.Success;
            }, cancellation);
        });
        return command;
    }
}
