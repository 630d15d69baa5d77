using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Requests;
using K2Orleans.Grains.Status;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Batches;

/// <summary>
/// Runs one batch on the silo the spread placement chose. <see cref="StartAsync"/> only queues the work, so no call
/// outlives Orleans' response timeout; the result goes back to the job in a call of its own.
/// The batch keeps no stored state: after a crash the job finds it idle and sends the work again.
/// </summary>
[SpreadPlacement]
public sealed partial class RenderBatchGrain(
    RenderGate gate, JobRequestGate requests, CombinationRenderer renderer, RenderMetrics metrics, ILocalSiloDetails siloDetails, ILogger<RenderBatchGrain> logger)
    : Grain, IRenderBatchGrain
{
    private static readonly TimeSpan DeactivationGrace = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource stop = new();
    private BatchPhase phase;
    private int attempt;
    private Task running = Task.CompletedTask;

    public Task StartAsync(BatchWork work)
    {
        // Jobs send only checked work, but any client of the gateway can call a batch directly.
        requests.Enforce(work, nameof(RenderBatchGrain));

        // A batch already running keeps running: its report settles the batch whichever attempt it belongs to.
        if (phase != BatchPhase.Running)
        {
            phase = BatchPhase.Running;
            attempt = work.Attempt;
            DelayDeactivation(TimeSpan.FromHours(1));
            running = RunAsync(work);
        }

        return Task.CompletedTask;
    }

    public Task<(BatchPhase Phase, int Attempt)> GetPhaseAsync() => Task.FromResult((phase, attempt));

    public Task CancelAsync()
    {
        stop.Cancel();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Shutting down mid-batch: stop after the current image and hand the batch back to the job.
        stop.Cancel();
        await running.WaitAsync(DeactivationGrace, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
        stop.Dispose();
    }

    private async Task RunAsync(BatchWork work)
    {
        var silo = siloDetails.SiloAddress.ToString();
        var target = new RenderTarget(work.Request.Spec, work.Request.OutputRoot, work.Request.Force);
        BatchReport report;
        try
        {
            LogBatchStarted(logger, work.JobId, work.BatchIndex, work.Attempt, work.Range.Count);
            var result = await gate.RunAsync(token => renderer.Render(target, work.Range, token), stop.Token);
            var cancelled = result.Processed < work.Range.Count;
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, result.Rendered, result.Skipped, result.Failed, [.. result.Errors], null, cancelled);
        }
        catch (OperationCanceledException)
        {
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, 0, 0, 0, [], null, Cancelled: true);
        }
        catch (Exception e)
        {
            LogBatchCrashed(logger, e, work.JobId, work.BatchIndex);
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, 0, 0, 0, [], e.Message, Cancelled: false);
        }

        phase = BatchPhase.Finished;
        metrics.BatchFinished(report.Rendered, report.Skipped, report.Failed);
        LogBatchFinished(logger, work.JobId, work.BatchIndex, report.Rendered, report.Skipped, report.Failed);
        await ReportAsync(work.JobId, report);
        if (phase == BatchPhase.Finished)
        {
            // Not when the job sent this batch again while the report was on its way: that run goes on.
            DeactivateOnIdle();
        }
    }

    private async Task ReportAsync(string jobId, BatchReport report)
    {
        var job = GrainFactory.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId));
        for (var tries = 1; ; tries++)
        {
            try
            {
                await job.ReportBatchAsync(report);
                return;
            }
            catch (Exception e) when (tries < 6 && !(report.Cancelled && stop.IsCancellationRequested))
            {
                // The job may be moving to another silo; if every try fails its liveness check re-sends the batch.
                // A stop's report is tried once: the silo is shutting down, and the job sends the batch again anyway.
                LogReportRetry(logger, e, jobId, report.BatchIndex, tries);
                await Task.Delay(TimeSpan.FromSeconds(tries));
            }
            catch (Exception e)
            {
                LogReportLost(logger, e, jobId, report.BatchIndex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} attempt {Attempt} started: {Count} combinations")]
    private static partial void LogBatchStarted(ILogger logger, string jobId, int batchIndex, int attempt, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} finished: rendered {Rendered}, skipped {Skipped}, failed {Failed}")]
    private static partial void LogBatchFinished(ILogger logger, string jobId, int batchIndex, int rendered, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {JobId}/{BatchIndex} could not run")]
    private static partial void LogBatchCrashed(ILogger logger, Exception exception, string jobId, int batchIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} report failed (try {Try}), retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, string jobId, int batchIndex, int @try);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {JobId}/{BatchIndex} report lost; the job will run the batch again")]
    private static partial void LogReportLost(ILogger logger, Exception exception, string jobId, int batchIndex);
}
