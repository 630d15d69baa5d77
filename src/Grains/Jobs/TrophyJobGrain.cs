using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Drives one job. A timer dispatches batches into a bounded window and checks that in-flight batches still run;
/// a one-minute reminder restarts that loop if the activation is lost. State is written when a batch settles or
/// dispatch changes, before the change is reported to anyone. Bookkeeping lives in <see cref="JobLedger"/>, calls
/// to batches in <see cref="JobBatches"/>.
/// </summary>
public sealed partial class TrophyJobGrain(
    [PersistentState("trophyJob", K2Storage.Name)] IPersistentState<TrophyJobState> state,
    IOptions<JobOptions> jobOptions,
    IOptions<RenderingOptions> renderingOptions,
    TimeProvider time,
    ILogger<TrophyJobGrain> logger) : Grain, ITrophyJobGrain, IRemindable
{
    private JobLedger ledger = null!;
    private JobStore store = null!;
    private JobBatches batches = null!;
    private JobKeepAlive keepAlive = null!;
    private DateTimeOffset nextLivenessCheck;
    private int window = 1;

    private string JobId => JobKeys.JobIdOf(this.GetPrimaryKeyString());

    private DateTimeOffset Now => time.GetUtcNow();

    private JobOptions Options => jobOptions.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new JobLedger(state.State, Now);
        store = new JobStore(state, JobId, logger);
        batches = new JobBatches(GrainFactory, JobId, ledger, logger);
        keepAlive = new JobKeepAlive(this, TickAsync, Options.TickInterval, JobId, logger);
        await EnsureRunningAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo stops (or the grain moves): what is in flight goes back to pending at no attempt's cost, stored,
        // so the next activation sends it again at once instead of waiting to find it lost. (No ledger: the
        // activation failed before it began, and there is nothing to hand back.)
        if (ledger is { IsStarted: true, IsFinished: false })
        {
            store.Changed(ledger.HandBackInFlight() > 0);
            await store.SaveAsync();
        }
    }

    public async Task<JobSnapshot> StartAsync(JobRequest request)
    {
        if (!ledger.IsStarted)
        {
            ledger.Begin(request, new CombinationSpace(request.Spec).Total, Now);
            await store.WriteAsync();
            LogJobStarted(logger, JobId, request.Spec.Slug, ledger.State.Total, ledger.Plan.BatchCount);
            await TellIndexAsync();
            await keepAlive.StartAsync();
        }

        return ledger.Snapshot(JobId, Now);
    }

    public Task<JobSnapshot?> GetStatusAsync() => Task.FromResult(ledger.IsStarted ? ledger.Snapshot(JobId, Now) : null);

    public async Task<JobSnapshot?> CancelAsync()
    {
        if (!ledger.IsStarted)
        {
            return null;
        }

        var inFlight = ledger.Cancel(Now);
        await FinishAsync();
        await batches.StopAsync(inFlight);
        return ledger.Snapshot(JobId, Now);
    }

    public async Task<JobSnapshot?> PauseAsync() => await ChangeAsync(ledger.Pause);

    public async Task<JobSnapshot?> ResumeAsync() => await ChangeAsync(() => ledger.Resume(Now));

    public async Task EnsureRunningAsync()
    {
        if (ledger.IsStarted && !ledger.IsFinished)
        {
            await keepAlive.StartAsync();
        }
    }

    public async Task ReportBatchAsync(BatchReport report)
    {
        if (!ledger.Apply(report, Now))
        {
            return;
        }

        store.Changed();
        if (ledger.IsFinished)
        {
            await FinishAsync();
            return;
        }

        // The freed place in the window is filled now, not on the next tick, so a render slot never waits for one.
        store.Changed(await batches.DispatchAsync(window, Now));
        await store.SaveAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (ledger.IsFinished)
        {
            // Only a finished job whose final save failed (database down) still has its reminder: save and let go.
            await FinishAsync();
            return;
        }

        await EnsureRunningAsync();
    }

    private async Task<JobSnapshot?> ChangeAsync(Action change)
    {
        if (!ledger.IsStarted || ledger.IsFinished)
        {
            return ledger.IsStarted ? ledger.Snapshot(JobId, Now) : null;
        }

        change();
        store.Changed();
        await store.SaveAsync();
        await TellIndexAsync();
        await keepAlive.StartAsync();
        return ledger.Snapshot(JobId, Now);
    }

    private async Task TickAsync(CancellationToken cancellation)
    {
        window = await batches.WindowAsync(renderingOptions.Value.MaxConcurrentRenders * Options.BatchesPerRenderSlot);
        store.Changed(await batches.DispatchAsync(window, Now));
        if (Now >= nextLivenessCheck)
        {
            nextLivenessCheck = Now + Options.LivenessInterval;
            store.Changed(await batches.FindLostAsync(Options.LivenessInterval, Now));
        }

        if (ledger.IsFinished)
        {
            await FinishAsync();
            return;
        }

        await store.SaveAsync();
    }

    private async Task FinishAsync()
    {
        keepAlive.StopTicking();
        store.Changed();
        await store.SaveAsync();
        var s = ledger.State;
        LogJobFinished(logger, JobId, s.Status, s.Done, s.Skipped, s.Failed, s.Total);
        await TellIndexAsync();

        // Until the end is stored, the reminder stays to retry the save.
        if (store.IsSaved)
        {
            await keepAlive.StopAsync();
        }
    }

    private async Task TellIndexAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key)
                .UpdateAsync(JobId, ledger.State.Request!.Spec.Slug, ledger.State.Status, ledger.State.FinishedAt);
        }
        catch (Exception e)
        {
            LogCallFailed(logger, e, JobId);
        }
    }
}
