using System.CommandLine;
using System.Globalization;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Schedules;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Schedules;

namespace K2Orleans.Cli.Commands;

/// <summary>
/// <c>k2 schedule SPEC.json [--cron EXPR] [--out DIR]</c>, <c>k2 schedule --remove SLUG</c>, <c>k2 schedule --list</c>:
/// incremental rebuilds of a trophy at the times of a cron expression (--cron, else the spec's "schedule" field).
/// </summary>
public static class ScheduleCommand
{
    public static Command Create(CliContext context)
    {
        var spec = new Argument<FileInfo?>("SPEC") { Description = "The trophy spec JSON file to rebuild on a schedule", Arity = ArgumentArity.ZeroOrOne };
        var cron = new Option<string?>("--cron") { Description = "Cron expression, 5 fields, e.g. \"0 3 * * *\" (default: the spec's \"schedule\")" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder as the silo sees it (default: ./out)" };
        var remove = new Option<string?>("--remove") { Description = "Stop rebuilding the trophy with this slug" };
        var list = new Option<bool>("--list") { Description = "List the schedules" };
        var command = new Command("schedule", "Rebuild a trophy (only what changed) at the times of a cron expression") { spec, cron, output, remove, list };
        command.SetAction(async (parse, cancellation) =>
        {
            var specFile = parse.GetValue(spec);
            var removeSlug = parse.GetValue(remove);
            var modes = (specFile is null ? 0 : 1) + (removeSlug is null ? 0 : 1) + (parse.GetValue(list) ? 1 : 0);
            if (modes != 1 || (specFile is null && (parse.GetValue(cron) is not null || parse.GetValue(output) is not null)))
            {
                await context.Error.WriteLineAsync("give one of: SPEC.json [--cron EXPR] [--out DIR], --remove SLUG, --list");
                return ExitCodes.BadInput;
            }

            if (removeSlug is not null)
            {
                return await CliCluster.WithClientAsync(context, client => RemoveAsync(context, client, removeSlug), cancellation);
            }

            if (specFile is null)
            {
                return await CliCluster.WithClientAsync(context, client => ListAsync(context.Out, client), cancellation);
            }

            var options = new RenderingOptions();
            var loaded = CliSpec.LoadForCluster(specFile.FullName, options, context.Error);
            if (loaded is null)
            {
                return ExitCodes.BadInput;
            }

            var cronText = parse.GetValue(cron) ?? loaded.Value.Spec.Schedule;
            if (cronText is null)
            {
                await context.Error.WriteLineAsync($"{specFile.FullName}: no schedule: give --cron \"EXPR\" or a \"schedule\" field in the spec");
                return ExitCodes.BadInput;
            }

            if (!CronSchedule.TryParse(cronText, out var schedule, out var problem))
            {
                await context.Error.WriteLineAsync($"--cron: {problem}");
                return ExitCodes.BadInput;
            }

            var outputRoot = Path.GetFullPath(parse.GetValue(output)?.FullName ?? options.OutputRoot);
            var request = new JobRequest(loaded.Value.Spec, outputRoot, Force: false);
            return await CliCluster.WithClientAsync(context, async client =>
            {
                var set = await client.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(request.Spec.Slug)).SetAsync(request, schedule.Text);
                await context.Out.WriteLineAsync($"{set.Slug}: rebuilds at '{set.Cron}' into {set.OutputRoot}; next {Describe(set.NextRunAt)}");
                return ExitCodes.Success;
            }, cancellation);
        });
        return command;
    }

    private static async Task<int> RemoveAsync(CliContext context, IClusterClient client, string slug)
    {
        if (!await client.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(slug)).RemoveAsync())
        {
            await context.Error.WriteLineAsync($"no schedule for '{slug}'");
            return ExitCodes.BadInput;
        }

        await context.Out.WriteLineAsync($"{slug}: schedule removed");
        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(TextWriter output, IClusterClient client)
    {
        var slugs = await client.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.Key).ListAsync();
        var schedules = await Task.WhenAll(slugs.Select(slug => client.GetGrain<IScheduleGrain>(IScheduleGrain.KeyOf(slug)).GetAsync()));
        if (schedules.All(s => s is null))
        {
            await output.WriteLineAsync("no schedules");
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"{"TROPHY",-24} {"CRON",-16} {"NEXT",-22} {"LAST",-22} LAST JOB");
        foreach (var s in schedules.OfType<ScheduleSnapshot>())
        {
            await output.WriteLineAsync($"{s.Slug,-24} {s.Cron,-16} {Describe(s.NextRunAt),-22} {Describe(s.LastRunAt),-22} {s.LastJobId ?? "-"}");
        }

        return ExitCodes.Success;
    }

    private static string Describe(DateTimeOffset? time) =>
        time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) ?? "-";
}
