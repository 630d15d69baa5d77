using K2Orleans.TestSupport;
using Orleans.Reminders.Diagnostics;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>
/// Counts the times the reminder service armed the wait for one grain reminder's next tick, from Orleans' reminder
/// diagnostics. A test on a fake clock must not move the clock before that wait is armed: a wait armed after the move
/// is due a minimum delay after the new "now", which a fake clock never reaches, so the tick would never come.
/// </summary>
public sealed class ReminderWaits : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    private readonly GrainId grain;
    private readonly string reminder;
    private readonly IDisposable subscription;
    private int count;

    public ReminderWaits(GrainId grain, string reminder)
    {
        this.grain = grain;
        this.reminder = reminder;
        subscription = ReminderEvents.AllEvents.Subscribe(this);
    }

    /// <summary>How many times the wait has been armed so far.</summary>
    public int Armed => Volatile.Read(ref count);

    /// <summary>Waits until the wait has been armed more than <paramref name="seen"/> times and returns the new count.</summary>
    public async Task<int> ArmedAfterAsync(int seen, string what, TimeSpan timeout)
    {
        await WaitFor.ConditionAsync($"the reminder's wait to be armed ({what})", () => Armed > seen, timeout);
        return Armed;
    }

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        if (value is ReminderEvents.LocalReminderTickWaitArmed && value.GrainId == grain && value.ReminderName == reminder)
        {
            Interlocked.Increment(ref count);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose() => subscription.Dispose();
}
