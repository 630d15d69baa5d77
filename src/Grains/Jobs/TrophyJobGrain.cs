using Microsoft.Extensions.DependencyInjection;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Requests;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Drives one job: a timer dispatches batches into a bounded window and checks that in-flight batches still run (all
/// of them on the tick after this silo learns of a dead one); a one-minute reminder restarts that loop if the
/// activation is lost. State is written before a change is reported. The end happens once and is final. A cancel
/// stops the in-flight batches and waits up to <see cref="JobBatches.StopGrace"/> for each to answer with what it
/// wrote; those are counted as the job ends, so the cancel's reply holds the final counts. Parts: <see cref="JobLedger"/>,
/// <see cref="JobBatches"/>, <see cref="JobStore"/>, <see cref="JobKeepAlive"/>, <see cref="JobEnd"/>, <see cref="JobIndexLink"/>.
/// </summary>
public sealed partial class TrophyJobGrain(
    [PersistentState("trophyJob", K2Storage.Name)] IPersistentState<TrophyJobState> state,
    IOptions<JobOptions> jobOptions, IOptions<RenderingOptions> renderingOptions, JobRequestGate gate, TimeProvider time,
    SiloDeaths deaths, RunningJobs running, ILogger<TrophyJobGrain> logger)
    : Grain, ITrophyJobGrain, IRemindable
{
    private JobLedger ledger = null!;
    private JobStore store = null!;
    private JobBatches batches = null!;
    private JobKeepAlive keepAlive = null!;
    private JobIndexLink index = null!;
    private JobEnd end = null!;

    private string JobId => JobKeys.JobIdOf(this.GetPrimaryKeyString());

    private DateTimeOffset Now => time.GetUtcNow();

    private JobOptions Options => jobOptions.Value;

    private bool IsUnderWay => ledger.IsStarted && !ledger.IsFinished;

    private JobSnapshot? Snapshot => ledger.IsStarted ? ledger.Snapshot(JobId, Now) : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new JobLedger(state.State, Now);
        store = new JobStore(state, ledger, JobId, logger);
        batches = new JobBatches(GrainFactory, ServiceProvider.GetRequiredService<IClusterMembershipService>(), JobId, ledger, deaths, logger);
        keepAlive = new JobKeepAlive(this, TickAsync, Options.TickInterval, JobId, running, logger);
        index = new JobIndexLink(GrainFactory, JobId, logger);
        end = new JobEnd(ledger, store, keepAlive, index, JobId, logger);
        await EnsureRunningAsync();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The silo stops or the grain moves: what is in flight goes back to pending at no attempt's cost, stored, so
        // the next activation sends it at once. (No ledger: the activation failed before it began.)
        keepAlive?.StopTicking();
        if (ledger is { IsStarted: true, IsFinished: false })
        {
            var handedBack = ledger.HandBackInFlight();
            if (handedBack > 0)
            {
                // E.g. the silo that held this grain's directory entry died: the job wakes on another silo at once.
                LogHandedBack(logger, JobId, reason.ReasonCode, handedBack);
            }

            await store.SaveAsync();
        }
    }

    public async Task<JobSnapshot> StartAsync(JobRequest request)
    {
        if (!ledger.IsStarted)
        {
            // Checked here as well as in the index: any client of the gateway can call a job grain directly.
            gate.Enforce(request, nameof(TrophyJobGrain));
            ledger.Begin(request, new CombinationSpace(request.Spec).Total, Now);
            await store.WriteAsync();
            LogJobStarted(logger, JobId, request.Spec.Slug, ledger.State.Total, ledger.Plan.BatchCount);
            await index.TellAsync(ledger.State);
            await keepAlive.StartAsync();
        }

        return ledger.Snapshot(JobId, Now);
    }

    public Task<JobSnapshot?> GetStatusAsync() => Task.FromResult(Snapshot);

    public async Task<JobSnapshot?> CancelAsync()
    {
        if (IsUnderWay)
        {
            // No report or tick runs while this call waits (the grain is not reentrant), so the stopped batches'
            // answers are the last word on what was written; their own reports arrive after the end and change nothing.
            var stopped = await batches.StopAsync(ledger.InFlight, JobBatches.StopGrace);
            ledger.Cancel(stopped, Now);
            await end.AnnounceAsync();
        }

        return Snapshot;
    }

    public Task<JobSnapshot?> PauseAsync() => ChangeAsync(ledger.Pause);

    public Task<JobSnapshot?> ResumeAsync() => ChangeAsync(() => ledger.Resume(Now));

    public Task EnsureRunningAsync() => IsUnderWay ? keepAlive.StartAsync() : Task.CompletedTask;

    public async Task ReportBatchAsync(BatchReport report)
    {
        if (!ledger.Apply(report, Now))
        {
            return;
        }

        if (!ledger.IsFinished)
        {
            // The freed place in the window is filled now, not on the next tick, so a render slot never waits for one.
            await batches.DispatchAsync(Now);
        }

        await SaveOrEndAsync();
    }

    // Only a finished job whose final save failed (database down) still has its reminder: it saves and lets go.
    public Task ReceiveReminder(string reminderName, TickStatus status) => ledger.IsFinished ? end.StoreAsync() : EnsureRunningAsync();

    private async Task<JobSnapshot?> ChangeAsync(Action change)
    {
        if (IsUnderWay)
        {
            change();
            await store.SaveAsync();
            await index.TellAsync(ledger.State);
            await keepAlive.StartAsync();
        }

        return Snapshot;
    }

    private async Task TickAsync(CancellationToken cancellation)
    {
        if (!IsUnderWay)
        {
            return;   // a tick that was due when the job ended
        }

        batches.SizeWindow(renderingOptions.Value.MaxConcurrentRenders * Options.BatchesPerRenderSlot);
        await batches.DispatchAsync(Now);
        await batches.FindLostAsync(Options.LivenessInterval, Now);
        await SaveOrEndAsync();
    }

    private Task SaveOrEndAsync() => ledger.IsFinished ? end.AnnounceAsync() : store.SaveAsync();
}
