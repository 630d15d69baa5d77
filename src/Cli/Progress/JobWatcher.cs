using System.Globalization;
using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.Cli.Progress;

/// <summary>Polls a job until it ends, drawing progress; then prints the summary line and the recorded errors.</summary>
public static class JobWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <param name="onCancel">Called once when <paramref name="cancellation"/> fires (Ctrl+C): cancels the job.</param>
    public static async Task<JobSnapshot> WatchAsync(CliContext context, Func<Task<JobSnapshot?>> read, Func<Task> onCancel, CancellationToken cancellation)
    {
        var display = new ProgressDisplay(context.Out, context.IsTerminal);
        var cancelSent = false;
        while (true)
        {
            var snapshot = await read() ?? throw new InvalidOperationException("the job disappeared");
            var processed = snapshot.Done + snapshot.Skipped + snapshot.Failed;
            display.Report(processed, snapshot.Total, snapshot.RatePerSecond, snapshot.EtaSeconds, force: snapshot.IsFinished);
            if (snapshot.IsFinished)
            {
                display.Finish();
                return snapshot;
            }

            if (cancellation.IsCancellationRequested && !cancelSent)
            {
                cancelSent = true;
                await onCancel();
            }

            await Task.Delay(PollInterval, CancellationToken.None);
        }
    }

    public static string Summary(JobSnapshot job) => string.Create(CultureInfo.InvariantCulture,
        $"rendered {job.Done}, skipped {job.Skipped}, failed {job.Failed} of {job.Total} in {job.ElapsedSeconds:F1} s ({(job.Done + job.Skipped + job.Failed) / Math.Max(job.ElapsedSeconds, 0.001):F1} img/s)");

    /// <summary>Prints the summary and errors; the exit code of contracts.md §5.</summary>
    public static int Report(CliContext context, JobSnapshot job)
    {
        context.Out.WriteLine(Summary(job));
        foreach (var error in job.Errors)
        {
            context.Error.WriteLine($"failed {error.Key}: {error.Message}");
        }

        if (job.Status != JobState.Completed)
        {
            context.Error.WriteLine($"job {job.Id} ended {job.Status.ToString().ToLowerInvariant()} with {job.Remaining} combinations not done");
        }

        return job.Status == JobState.Completed && job.Failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
    }
}
