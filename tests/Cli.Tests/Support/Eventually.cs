namespace K2Orleans.Cli.Tests.Support;

/// <summary>Waits for a condition with a deadline, polling; the test's synchronisation, never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up after {timeout} waiting for {what}");
            }

            await Task.Delay(50);
        }
    }
}
