using K2Orleans.TestSupport;

namespace K2Orleans.MultiHost.Tests.Namespaces;

/// <summary>
/// Separate hosts on one LAN, made of this machine's kernel: a network namespace per host, each with one veth cable
/// (<c>eth0</c> inside) plugged into a bridge of the test's own, and one address of a private /24 in 10.213.0.0/16 that
/// no other interface here uses; the bridge itself has <c>.1</c>, which is how the test process reaches the hosts.
/// Cutting a host's link sets the bridge end of its cable down: its packets go nowhere, as with a pulled cable, and
/// the processes in it keep running. Names carry the test process's id, so a later run removes what a crashed one left.
/// </summary>
public sealed class HostNetwork : IDisposable
{
    private readonly string tag;
    private readonly Dictionary<string, NetworkHost> hosts = [];

    private HostNetwork(string tag, int subnet)
    {
        this.tag = tag;
        Subnet = subnet;
    }

    /// <summary>The third octet of this network's 10.213.x.0/24.</summary>
    public int Subnet { get; }

    /// <summary>The bridge's own address, from which the test process talks to the hosts.</summary>
    public string Gateway => $"10.213.{Subnet}.1";

    public NetworkHost this[string name] => hosts[name];

    private string Bridge => $"{tag}br";

    /// <summary>
    /// Builds the bridge and one namespace per name (host i gets <c>.(i + 2)</c>), after removing what earlier runs
    /// whose process is gone left behind. Fails, naming what is missing, without root or <c>ip netns</c>.
    /// </summary>
    public static HostNetwork Create(params string[] names)
    {
        NetnsCommands.RequireRootAndNetns();
        NetnsCommands.RemoveLeftovers();
        var network = new HostNetwork($"{NetnsCommands.Prefix}{Environment.ProcessId:x}", NetnsCommands.FreeSubnet());
        try
        {
            network.Build(names);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Pulls the host's cable out of the bridge (<c>ip link set … down</c> on the bridge end).</summary>
    public void Cut(string name) => NetnsCommands.Ip("link", "set", Cable(name), "down");

    /// <summary>Plugs the host's cable back in.</summary>
    public void Restore(string name) => NetnsCommands.Ip("link", "set", Cable(name), "up");

    /// <summary>Kills whatever still runs in the namespaces, then deletes them, their cables and the bridge.</summary>
    public void Dispose()
    {
        foreach (var (name, host) in hosts)
        {
            NetnsCommands.DeleteNamespace(host.Namespace);

            // The kernel frees a namespace (and the cable end inside it) only once nothing refers to it any more, e.g.
            // after its sockets' TIME_WAIT: the bridge end would linger until then.
            NetnsCommands.TryIp("link", "del", Cable(name));
        }

        NetnsCommands.TryIp("link", "del", Bridge);
    }

    private string Cable(string name) => $"{tag}{name}";

    private void Build(string[] names)
    {
        NetnsCommands.Ip("link", "add", Bridge, "type", "bridge");
        NetnsCommands.Ip("addr", "add", $"{Gateway}/24", "dev", Bridge);
        NetnsCommands.Ip("link", "set", Bridge, "up");
        for (var i = 0; i < names.Length; i++)
        {
            var host = new NetworkHost($"{tag}-{names[i]}", $"10.213.{Subnet}.{i + 2}");
            NetnsCommands.Ip("netns", "add", host.Namespace);
            hosts[names[i]] = host;
            NetnsCommands.Ip("link", "add", Cable(names[i]), "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
            NetnsCommands.Ip("link", "set", Cable(names[i]), "master", Bridge, "up");
            NetnsCommands.Ip("-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
            NetnsCommands.Ip("-n", host.Namespace, "link", "set", "eth0", "up");
            NetnsCommands.Ip("-n", host.Namespace, "link", "set", "lo", "up");
        }
    }
}
