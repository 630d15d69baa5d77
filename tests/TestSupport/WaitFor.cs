using System.Diagnostics;

namespace K2Orleans.TestSupport;

/// <summary>Polls a condition until it holds or a deadline passes: the tests' only way to wait.</summary>
public static class WaitFor
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>; the message says what was awaited.</exception>
    public static async Task ConditionAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {what}.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public static Task ConditionAsync(string what, Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        ConditionAsync(what, () => Task.FromResult(condition()), timeout, cancellationToken);
}
