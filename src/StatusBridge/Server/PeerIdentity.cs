using System.Net;
using System.Net.Sockets;

namespace K2Orleans.StatusBridge.Server;

/// <summary>Who is on the other end of a connection, as far as the kernel can tell: the unit a per-peer budget counts.</summary>
internal static class PeerIdentity
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;
    private const int Ipv6NetworkBytes = 8;

    /// <summary>
    /// <c>uid N</c> on a Unix socket; <c>address A</c> over TCP (IPv4-mapped IPv6 as IPv4), or <c>network P::/64</c> for
    /// a non-loopback IPv6 peer, since one host usually owns a whole /64 and could otherwise pick a fresh address each time.
    /// </summary>
    /// <exception cref="SocketException">The peer is gone before it could be identified.</exception>
    public static string Of(Socket client) => client.AddressFamily == AddressFamily.Unix
        ? UnixUser(client)
        : Address(((IPEndPoint)client.RemoteEndPoint!).Address);

    private static string UnixUser(Socket client)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; } in native byte order, filled in by the kernel at connect: the client cannot forge it.
        Span<byte> credentials = stackalloc byte[12];
        if (!OperatingSystem.IsLinux() || client.GetRawSocketOption(SolSocket, SoPeerCred, credentials) < credentials.Length)
        {
            // Without SO_PEERCRED every Unix client shares one peer budget; the transport budget still holds.
            return "uid unknown";
        }

        return $"uid {BitConverter.ToUInt32(credentials[4..8])}";
    }

    private static string Address(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return $"address {address}";
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(Ipv6NetworkBytes).Clear();
        return $"network {new IPAddress(bytes)}/64";
    }
}
