using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Drives one job. A timer dispatches batches into a bounded window and checks that in-flight batches still run;
/// a one-minute reminder restarts that loop if the activation is lost. State is written when a batch settles or
/// dispatch changes, before the change is reported to anyone. Bookkeeping lives in <see cref="JobLedger"/>.
/// </summary>
public sealed partial class TrophyJobGrain(
    [PersistentState("trophyJob", K2Storage.Name)] IPersistentState<TrophyJobState> state,
    IOptions<JobOptions> jobOptions,
    IOptions<RenderingOptions> renderingOptions,
    TimeProvider time,
    ILogger<TrophyJobGrain> logger) : Grain, ITrophyJobGrain, IRemindable
{
    private const string ReminderName = "keep-running";
    private JobLedger ledger = null!;
    private IGrainTimer? loop;
    private DateTimeOffset nextLivenessCheck;
    private int window = 1;
    private bool dirty;

    private string JobId => JobKeys.JobIdOf(this.GetPrimaryKeyString());

    private DateTimeOffset Now => time.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new JobLedger(state.State, Now);
        if (ledger.IsStarted && !ledger.IsFinished)
        {
            await EnsureLoopAsync();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo stops (or the grain moves): what is in flight goes back to pending at no attempt's cost, stored,
        // so the next activation sends it again at once instead of waiting to find it lost.
        if (ledger.IsStarted && !ledger.IsFinished && ledger.HandBackInFlight() > 0)
        {
            dirty = true;
            await SaveAsync();
        }
    }

    public async Task<JobSnapshot> StartAsync(JobRequest request)
    {
        if (!ledger.IsStarted)
        {
            ledger.Begin(request, new CombinationSpace(request.Spec).Total, Now);
            await state.WriteStateAsync();
            LogJobStarted(logger, JobId, request.Spec.Slug, ledger.State.Total, ledger.Plan.BatchCount);
            await TellIndexAsync();
            await EnsureLoopAsync();
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
        await Task.WhenAll(inFlight.Select(i => Quietly(GrainFactory.GetGrain<IRenderBatchGrain>(JobKeys.Batch(JobId, i)).CancelAsync())));
        return ledger.Snapshot(JobId, Now);
    }

    public async Task<JobSnapshot?> PauseAsync() => await ChangeAsync(ledger.Pause);

    public async Task<JobSnapshot?> ResumeAsync() => await ChangeAsync(() => ledger.Resume(Now));

    public async Task EnsureRunningAsync()
    {
        if (ledger.IsStarted && !ledger.IsFinished)
        {
            await EnsureLoopAsync();
        }
    }

    public async Task ReportBatchAsync(BatchReport report)
    {
        if (!ledger.Apply(report, Now))
        {
            return;
        }

        dirty = true;
        if (ledger.IsFinished)
        {
            await FinishAsync();
            return;
        }

        // The freed place in the window is filled now, not on the next tick, so a render slot never waits for one.
        await DispatchAsync();
        await SaveAsync();
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
        dirty = true;
        await SaveAsync();
        await TellIndexAsync();
        await EnsureLoopAsync();
        return ledger.Snapshot(JobId, Now);
    }

    private async Task TickAsync(CancellationToken cancellation)
    {
        window = await WindowAsync();
        await DispatchAsync();
        if (Now >= nextLivenessCheck)
        {
            nextLivenessCheck = Now + jobOptions.Value.LivenessInterval;
            await CheckInFlightAsync();
        }

        if (ledger.IsFinished)
        {
            await FinishAsync();
            return;
        }

        await SaveAsync();
    }

    private async Task DispatchAsync()
    {
        var taken = ledger.TakeForDispatch(window, Now);
        foreach (var (batch, attempt, range) in taken)
        {
            var work = new BatchWork(JobId, batch, attempt, range, ledger.State.Request!);
            try
            {
                await GrainFactory.GetGrain<IRenderBatchGrain>(JobKeys.Batch(JobId, batch)).StartAsync(work);
            }
            catch (Exception e)
            {
                LogDispatchFailed(logger, e, JobId, batch);
                ledger.MarkLost(batch, Now);
            }
        }

        dirty |= taken.Count > 0;
    }

    private async Task CheckInFlightAsync()
    {
        var suspects = ledger.InFlightOlderThan(jobOptions.Value.LivenessInterval, Now).ToArray();
        var phases = await Task.WhenAll(suspects.Select(async batch =>
        {
            try
            {
                var (phase, _) = await GrainFactory.GetGrain<IRenderBatchGrain>(JobKeys.Batch(JobId, batch)).GetPhaseAsync();
                return (batch, lost: phase == BatchPhase.Idle);
            }
            catch (Exception e)
            {
                LogLivenessFailed(logger, e, JobId, batch);
                return (batch, lost: true);
            }
        }));
        foreach (var (batch, lost) in phases.Where(p => p.lost))
        {
            LogBatchLost(logger, JobId, batch);
            ledger.MarkLost(batch, Now);
            dirty = true;
        }
    }

    private async Task<int> WindowAsync()
    {
        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        return Math.Max(1, silos) * renderingOptions.Value.MaxConcurrentRenders * jobOptions.Value.BatchesPerRenderSlot;
    }

    private async Task EnsureLoopAsync()
    {
        loop ??= this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, jobOptions.Value.TickInterval) { KeepAlive = true });
        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception e)
        {
            LogReminderFailed(logger, e, JobId);
        }
    }

    private async Task FinishAsync()
    {
        loop?.Dispose();
        loop = null;
        dirty = true;
        await SaveAsync();
        var s = ledger.State;
        LogJobFinished(logger, JobId, s.Status, s.Done, s.Skipped, s.Failed, s.Total);
        await TellIndexAsync();
        if (dirty)
        {
            // The final state is not stored yet: keep the reminder, which retries the save.
            return;
        }

        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            LogReminderFailed(logger, e, JobId);
        }
    }

    private async Task SaveAsync()
    {
        if (!dirty)
        {
            return;
        }

        try
        {
            await state.WriteStateAsync();
            dirty = false;
        }
        catch (Exception e)
        {
            // Kept in memory and written on the next tick: a database outage slows a job down, it does not stop it.
            LogSaveFailed(logger, e, JobId);
        }
    }

    private Task TellIndexAsync() => Quietly(GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key)
        .UpdateAsync(JobId, ledger.State.Request!.Spec.Slug, ledger.State.Status, ledger.State.FinishedAt));

    private async Task Quietly(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception e)
        {
            LogCallFailed(logger, e, JobId);
        }
    }
}
