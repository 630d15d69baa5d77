using System.Net.Sockets;

namespace K2Orleans.StatusBridge.Server;

/// <summary>Makes a Unix socket path bindable: creates its folder and removes a stale socket left by a crash.</summary>
internal static class UnixSocketFile
{
    private const string Key = "StatusBridge:UnixSocketPath";

    public static void PrepareForBind(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var existing = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new InvalidOperationException($"{Key}: '{path}' is a directory");
        }

        if (!existing.Exists)
        {
            return;
        }

        if (IsListening(path))
        {
            throw new InvalidOperationException($"{Key}: '{path}' is in use by another running process");
        }

        // .NET cannot ask whether a file is a socket; a socket has no content, so a file with content
        // (or a link) is surely not a stale socket and is left alone rather than deleted.
        if (existing.LinkTarget is not null || existing.Length > 0)
        {
            throw new InvalidOperationException($"{Key}: '{path}' exists and is not a socket; remove it or choose another path");
        }

        File.Delete(path);
    }

    private static bool IsListening(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
