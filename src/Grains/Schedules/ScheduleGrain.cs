using K2Orleans.GrainInterfaces.Schedules;
using K2Orleans.Grains.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;

namespace K2Orleans.Grains.Schedules;

/// <summary>
/// Rebuilds one trophy at the times of a cron expression. A reminder ticks every minute (the shortest period Orleans
/// allows) and starts a job through the job index once the expression's next time after the last run has come; the
/// index hands back the trophy's unfinished job instead of starting a second one. Times missed while no silo ran
/// collapse into one rebuild at the next tick. The clock is the reminders' own, so ticks and due times agree.
/// </summary>
public sealed partial class ScheduleGrain(
    [PersistentState("schedule", K2Storage.Name)] IPersistentState<ScheduleState> state,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time,
    JobRequestGate gate,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    private const string ReminderName = "rebuild";
    private static readonly TimeSpan TickPeriod = TimeSpan.FromMinutes(1);
    private CronSchedule? cron;
    private DateTimeOffset? checkedAt;

    private string Slug => IScheduleGrain.SlugOf(this.GetPrimaryKeyString());

    private ScheduleState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        cron = State.Request is null ? null : CronSchedule.Parse(State.Cron);
        return Task.CompletedTask;
    }

    public async Task<ScheduleSnapshot> SetAsync(JobRequest request, string cronText)
    {
        gate.Enforce(request, nameof(ScheduleGrain));
        if (request.Spec.Slug != Slug)
        {
            throw new ArgumentException($"the request builds '{request.Spec.Slug}', not '{Slug}'", nameof(request));
        }

        cron = CronSchedule.Parse(cronText);
        var now = time.GetUtcNow();
        State.Request = request with { Force = false };
        State.Cron = cron.Text;
        State.Since = now;
        State.DueAfter = now;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.Key).AddAsync(Slug);
        await this.RegisterOrUpdateReminder(ReminderName, TickPeriod, TickPeriod);
        var snapshot = Snapshot();
        LogScheduled(logger, Slug, cron.Text, Describe(snapshot.NextRunAt));
        return snapshot;
    }

    public async Task<bool> RemoveAsync()
    {
        if (State.Request is null)
        {
            return false;
        }

        await StopReminderAsync();
        await state.ClearStateAsync();
        cron = null;
        await GrainFactory.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.Key).RemoveAsync(Slug);
        LogRemoved(logger, Slug);
        DeactivateOnIdle();
        return true;
    }

    public Task<ScheduleSnapshot?> GetAsync() => Task.FromResult(State.Request is null ? null : Snapshot());

    public async Task EnsureRunningAsync()
    {
        if (State.Request is not null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TickPeriod, TickPeriod);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (State.Request is not { } request || cron is null)
        {
            await StopReminderAsync();
            return;
        }

        var now = time.GetUtcNow();
        checkedAt = now;
        if (cron.NextAfter(State.DueAfter, time.LocalTimeZone) is not { } due || due > now)
        {
            return;
        }

        JobSnapshot job;
        try
        {
            job = await GrainFactory.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(request);
        }
        catch (Exception e)
        {
            // Nothing is recorded, so the next tick tries again.
            LogRebuildFailed(logger, e, Slug);
            return;
        }

        State.DueAfter = now;
        State.LastRunAt = now;
        State.LastJobId = job.Id;
        await state.WriteStateAsync();
        LogRebuildStarted(logger, Slug, Describe(due), job.Id, Describe(Snapshot().NextRunAt));
    }

    private ScheduleSnapshot Snapshot() => new(
        Slug,
        State.Cron,
        State.Request!.OutputRoot,
        State.Since,
        cron!.NextAfter(State.DueAfter, time.LocalTimeZone),
        State.LastRunAt,
        State.LastJobId,
        checkedAt);

    private async Task StopReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static string Describe(DateTimeOffset? time) =>
        time?.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture) ?? "never";
}
