using System.CommandLine;
using K2Orleans.Cli.Console;
using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.Cli.Commands;

/// <summary><c>k2 watch|cancel|pause|resume JOB</c>: one job on a running cluster.</summary>
public static class ControlCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Command("watch", "Show a job's progress until it ends", async (job, cancellation) =>
        {
            var finished = await JobWatcher.WatchAsync(job.GetStatusAsync, () => Task.CompletedTask, cancellation);
            return JobWatcher.Report(finished);
        });
        yield return Command("cancel", "Cancel a job: renders stop, finished images stay", (job, _) => Change(job.CancelAsync()));
        yield return Command("pause", "Pause a job: batches in flight finish, no new ones start", (job, _) => Change(job.PauseAsync()));
        yield return Command("resume", "Resume a paused job", (job, _) => Change(job.ResumeAsync()));
    }

    private static Command Command(string name, string description, Func<ITrophyJobGrain, CancellationToken, Task<int>> action)
    {
        var jobId = new Argument<string>("JOB") { Description = "The job id, as k2 submit printed it" };
        var command = new Command(name, description) { jobId };
        command.SetAction((parse, cancellation) => CliCluster.WithClientAsync(async client =>
        {
            var id = parse.GetValue(jobId)!;
            var job = client.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf(id));
            if (await job.GetStatusAsync() is null)
            {
                await System.Console.Error.WriteLineAsync($"no job '{id}'");
                return ExitCodes.BadInput;
            }

            return await action(job, cancellation);
        }, cancellation));
        return command;
    }

    private static async Task<int> Change(Task<JobSnapshot?> change)
    {
        var job = (await change)!;
        System.Console.WriteLine($"{job.Id}: {job.Status.ToString().ToLowerInvariant()}, {job.Done + job.Skipped + job.Failed} of {job.Total} done");
        return ExitCodes.Success;
    }
}
