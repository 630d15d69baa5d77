namespace K2Orleans.TestSupport;

/// <summary>
/// A host of a test network: a Linux network namespace (<c>ip netns</c>) and the one address it has on the test's
/// bridge. Processes started for it run through <c>ip netns exec</c>, so they see only that address and their own
/// loopback, as a separate machine would.
/// </summary>
public sealed record NetworkHost(string Namespace, string Address)
{
    /// <summary>The full path of <c>ip</c> (iproute2), which runs commands inside a namespace.</summary>
    public static string Ip => ProcessRunner.Find("ip")
        ?? throw new InvalidOperationException("`ip` (iproute2) is not installed; ./scripts/test.sh installs it.");

    /// <summary>The arguments that run <paramref name="program"/> inside this host's namespace.</summary>
    public IReadOnlyList<string> Exec(string program) => ["netns", "exec", Namespace, program];
}
