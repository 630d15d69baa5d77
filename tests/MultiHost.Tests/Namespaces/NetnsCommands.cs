using System.Text.RegularExpressions;
using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>The <c>ip</c> commands behind <see cref="HostNetwork"/>: checks, free subnets, and removing leftovers.</summary>
internal static partial class NetnsCommands
{
    /// <summary>Begins the name of every namespace, bridge and cable of ours, followed by the owning process id in hex.</summary>
    public const string Prefix = "k2n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Fails the tests with what is missing: they need root and <c>ip netns</c>, as CI has.</summary>
    public static void RequireRootAndNetns()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The network-namespace tests need root (they create namespaces, a bridge and addresses with `ip`); run them as root, as CI does.");
        }

        var list = ProcessRunner.Run(NetworkHost.Ip, ["netns", "list"], timeout: Timeout);
        if (list.ExitCode != 0)
        {
            throw new InvalidOperationException($"`ip netns list` failed, so network namespaces cannot be made here: {list}");
        }
    }

    /// <summary>Runs <c>ip</c>; a failure throws with the command and its output.</summary>
    public static void Ip(params string[] arguments)
    {
        var result = ProcessRunner.Run(NetworkHost.Ip, arguments, timeout: Timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)}: {result}");
        }
    }

    /// <summary>Runs <c>ip</c> where failing is fine (the thing is gone already).</summary>
    public static ProcessResult TryIp(params string[] arguments) => ProcessRunner.Run(NetworkHost.Ip, arguments, timeout: Timeout);

    /// <summary>A third octet x for 10.213.x.0/24 that no address on this machine's interfaces uses.</summary>
    public static int FreeSubnet()
    {
        var addresses = TryIp("-o", "-4", "addr", "show").Stdout;
        var taken = Subnet().Matches(addresses).Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        return Enumerable.Range(1, 254).Where(x => !taken.Contains(x)).OrderBy(_ => Random.Shared.Next()).FirstOrDefault() is var free and > 0
            ? free
            : throw new InvalidOperationException("every 10.213.x.0/24 is in use on this machine");
    }

    /// <summary>Kills the processes still running in a namespace of ours, then deletes it.</summary>
    public static void DeleteNamespace(string name)
    {
        foreach (var pid in TryIp("netns", "pids", name).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            ProcessRunner.Run("kill", ["-9", pid.Trim()], timeout: Timeout);
        }

        TryIp("netns", "del", name);
    }

    /// <summary>Namespaces and links of ours whose owning process is gone (a run that crashed or was killed).</summary>
    public static void RemoveLeftovers()
    {
        foreach (var name in TryIp("netns", "list").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]))
        {
            if (OwnedByDeadProcess(name))
            {
                DeleteNamespace(name);
            }
        }

        foreach (Match link in LinkName().Matches(TryIp("-o", "link", "show").Stdout))
        {
            if (OwnedByDeadProcess(link.Groups[1].Value))
            {
                TryIp("link", "del", link.Groups[1].Value);
            }
        }
    }

    private static bool OwnedByDeadProcess(string name)
    {
        var match = Owner().Match(name);
        return match.Success && !Directory.Exists($"/proc/{Convert.ToInt32(match.Groups[1].Value, 16)}");
    }

    [GeneratedRegex(@"inet 10\.213\.(\d+)\.")]
    private static partial Regex Subnet();

    [GeneratedRegex(@"^\d+: (k2n[0-9a-f]+[a-z0-9-]*)[@:]", RegexOptions.Multiline)]
    private static partial Regex LinkName();

    // The owner's id runs up to the first letter beyond hex ("br", "s1", "-db"): names are "k2n<pid hex><host>".
    [GeneratedRegex(@"^k2n([0-9a-f]+?)(?:br|db|s\d+|-.*)$")]
    private static partial Regex Owner();
}
