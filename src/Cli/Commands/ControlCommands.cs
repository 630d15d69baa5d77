using System.CommandLine;
using K2Orleans.Cli.Progress;
using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 watch|cancel|pause|resume JOB</c>: one job on a running cluster.</summary>
public static class ControlCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Command(context, "watch", "Show a job's progress until it ends", async (job, cancellation) =>
        {
            var finished = await JobWatcher.WatchAsync(context, job.GetStatusAsync, () => Task.CompletedTask, cancellation);
            return JobWatcher.Report(context, finished);
        });
        yield return Command(context, "cancel", "Cancel a job: renders stop, finished images stay", (job, _) => Change(context, job.CancelAsync()));
        yield return Command(context, "pause", "Pause a job: batches in flight finish, no new ones start", (job, _) => Change(context, job.PauseAsync()));
        yield return Command(context, "resume", "Resume a paused job", (job, _) => Change(context, job.ResumeAsync()));
    }

    private static Command Command(CliContext context, string name, string description, Func<ITrophyJobGrain, CancellationToken, Task<int>> action)
    {
        var jobId = new Argument<string>("JOB") { Description = "The job id, as k2 submit printed it" };
        var command = new Command(name, description) { jobId };
        command.SetAction((parse, cancellation) => CliCluster.WithClientAsync(context, async client =>
        {
            var id = parse.GetValue(jobId)!;
            var job = client.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf(id));
            if (await job.GetStatusAsync() is null)
            {
                await context.Error.WriteLineAsync($"no job '{id}'");
                return ExitCodes.BadInput;
            }

            return await action(job, cancellation);
        }, cancellation));
        return command;
    }

    private static async Task<int> Change(CliContext context, Task<JobSnapshot?> change)
    {
        var job = (await change)!;
        await context.Out.WriteLineAsync($"{job.Id}: {job.Status.ToString().ToLowerInvariant()}, {job.Done + job.Skipped + job.Failed} of {job.Total} done");
        return ExitCodes.Success;
    }
}
