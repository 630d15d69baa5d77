using System.Diagnostics;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Placement;
using K2Orleans.Grains.Rendering.Gate;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using K2Orleans.Grains.Requests;
using K2Orleans.Grains.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace K2Orleans.Grains.Batches;

/// <summary>
/// Runs one batch on the silo the spread placement chose. <see cref="StartAsync"/> only queues the work, so no call
/// outlives Orleans' response timeout; the result goes back to the job in a call of its own, and to a job that stops
/// the batch (<see cref="StopAsync"/>) as the stop's answer. The batch keeps no stored state: after a crash the job
/// finds it idle and sends the work again.
/// </summary>
[SpreadPlacement]
public sealed partial class RenderBatchGrain(
    RenderGate gate, JobRequestGate requests, CombinationRenderer renderer, RenderMetrics metrics, ILocalSiloDetails siloDetails,
    IClusterMembershipService membership, IHostApplicationLifetime lifetime, ILogger<RenderBatchGrain> logger)
    : Grain, IRenderBatchGrain
{
    private static readonly TimeSpan DeactivationGrace = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource stop = new();
    private BatchPhase phase;
    private BatchWork? current;
    private TaskCompletionSource<BatchReport> outcome = new();
    private Task running = Task.CompletedTask;
    private bool siloShuttingDown;

    public Task StartAsync(BatchWork work)
    {
        // Jobs send only checked work, but any client of the gateway can call a batch directly.
        requests.Enforce(work, nameof(RenderBatchGrain));

        // The job's placement hint came with this call; the batch's own calls (its report) must not carry it on.
        RequestContext.Remove(IPlacementDirector.PlacementHintKey);

        // A batch already running keeps running: its report settles the batch whichever attempt it belongs to.
        if (phase != BatchPhase.Running)
        {
            phase = BatchPhase.Running;
            current = work;
            outcome = new TaskCompletionSource<BatchReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            DelayDeactivation(TimeSpan.FromHours(1));
            running = RunAsync(work);
        }

        return Task.CompletedTask;
    }

    public Task<(BatchPhase Phase, int Attempt)> GetPhaseAsync() => Task.FromResult((phase, current?.Attempt ?? 0));

    public Task CancelAsync()
    {
        stop.Cancel();
        return Task.CompletedTask;
    }

    public async Task<BatchReport?> StopAsync(TimeSpan grace)
    {
        stop.Cancel();
        if (current is null)
        {
            return null;
        }

        try
        {
            // The outcome is set before the report is sent to the job, which is busy with this very stop: waiting
            // for the report call instead would wait for ourselves.
            return await outcome.Task.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            LogStopSlow(logger, current.JobId, current.BatchIndex, grace.TotalSeconds);
            return null;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Stop after the current image. Shutting down, the batch is also handed back to the job (the report's delivery
        // is awaited). Any other deactivation (e.g. the silo that held this grain's directory entry died) waits only
        // for the render to stop: the report may be going to a job that is itself waiting for this batch's answer,
        // and waiting for it would hold the job up for the whole grace. The job then finds the batch idle and sends
        // it again; the images already written are skipped.
        siloShuttingDown = reason.ReasonCode == DeactivationReasonCode.ShuttingDown;
        stop.Cancel();
        var settled = siloShuttingDown || current is null ? running : outcome.Task;
        await settled.WaitAsync(DeactivationGrace, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Current);
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
            var result = await gate.RunAsync(token => RenderTimed(target, work, token), stop.Token);
            var cancelled = result.Processed < work.Range.Count;
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, result.Rendered, result.Skipped, result.Failed, [.. result.Errors], null, cancelled);
        }
        catch (OperationCanceledException)
        {
            // Dropped from the gate's queue before it started: nothing was written.
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, 0, 0, 0, [], null, Cancelled: true);
        }
        catch (Exception e)
        {
            LogBatchCrashed(logger, e, work.JobId, work.BatchIndex);
            report = new BatchReport(work.BatchIndex, work.Attempt, silo, 0, 0, 0, [], e.Message, Cancelled: false);
        }

        phase = BatchPhase.Finished;
        outcome.TrySetResult(report);
        metrics.BatchFinished(work.Request.Spec.Slug, report.Rendered, report.Skipped, report.Failed);
        LogBatchFinished(logger, work.JobId, work.BatchIndex, report.Rendered, report.Skipped, report.Failed);
        if (SiloIsStopping() && !AnotherSiloIsActive())
        {
            // The job lives on this silo too and hands its in-flight batches back as it goes; a report could reach
            // no silo, and Orleans would log every failed attempt to place the job as an error. This holds as well for
            // a batch that finished on its own just as the silo began to stop, before this grain was told.
            LogLeftToJob(logger, work.JobId, work.BatchIndex);
            return;
        }

        await new BatchReportSender(GrainFactory, logger).SendAsync(work.JobId, report, report.Cancelled && stop.IsCancellationRequested);
        if (phase == BatchPhase.Finished)
        {
            // Not when the job sent this batch again while the report was on its way: that run goes on.
            DeactivateOnIdle();
        }
    }

    /// <summary>Runs on a render thread: it touches no grain state, only the renderer and the metrics, both thread-safe.</summary>
    private RangeResult RenderTimed(RenderTarget target, BatchWork work, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return renderer.Render(target, work.Range, token);
        }
        finally
        {
            metrics.BatchRendered(work.Request.Spec.Slug, Stopwatch.GetElapsedTime(started));
        }
    }

    private bool SiloIsStopping() =>
        siloShuttingDown || lifetime.ApplicationStopping.IsCancellationRequested
        || membership.CurrentSnapshot.GetSiloStatus(siloDetails.SiloAddress) is not SiloStatus.Active;

    private bool AnotherSiloIsActive() => membership.CurrentSnapshot.Members.Values
        .Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(siloDetails.SiloAddress));
}
