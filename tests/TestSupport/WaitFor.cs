using System.Diagnostics;

namespace K2Orleans.TestSupport;

/// <summary>Polls a condition until it holds or a deadline passes: the tests' only way to wait.</summary>
public static class WaitFor
{
    /// <summary>The deadline of a synchronous wait that names none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    // A test that acts the moment it sees a grain's state change may still overtake the rest of that grain's turn; it
    // must wait for what it depends on itself (ScheduleEngineTests waits for the reminder's next wait to be armed).
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>; the message says what was awaited.</exception>
    public static async Task ConditionAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await ValueAsync(what, condition, ok => ok, timeout, lastSeen: _ => null, cancellationToken: cancellationToken);

    public static Task ConditionAsync(string what, Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ConditionAsync(what, () => Task.FromResult(condition()), timeout, cancellationToken);

    /// <summary>Probes a value until it meets the condition and returns it.</summary>
    /// <param name="lastSeen">Describes the last value probed for the timeout message (null: its ToString; a null description: left out).</param>
    /// <param name="onEach">Sees every value probed, e.g. to assert on each snapshot of a running job.</param>
    /// <exception cref="TimeoutException">No probed value met the condition within <paramref name="timeout"/>.</exception>
    public static async Task<T> ValueAsync<T>(
        string what, Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, Func<T, string?>? lastSeen = null, Action<T>? onEach = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            onEach?.Invoke(value);
            if (condition(value))
            {
                return value;
            }

            if (clock.Elapsed >= timeout)
            {
                throw Timeout(what, timeout, lastSeen is null ? $"{value}" : lastSeen(value));
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>The same wait for synchronous tests and helpers.</summary>
    /// <param name="timeout">Null: <see cref="DefaultTimeout"/>.</param>
    /// <exception cref="TimeoutException">The condition did not hold within the timeout.</exception>
    public static void Condition(string what, Func<bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= limit)
            {
                throw Timeout(what, limit, null);
            }

            Thread.Sleep(PollInterval);
        }
    }

    private static TimeoutException Timeout(string what, TimeSpan timeout, string? lastSeen) => new(
        $"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what}." + (lastSeen is null ? "" : $" Last seen: {lastSeen}"));
}
