using System.Net.Sockets;
using System.Text;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>One status-socket request (contracts.md section 3): cheap enough to poll while silos start.</summary>
internal static class StatusSocket
{
    private const string Active = "\"status\":\"active\"";

    /// <summary>How many active silos the silo behind <paramref name="port"/> reports; 0 while it does not answer.</summary>
    public static int ActiveSilos(int port)
    {
        var answer = Ask(port, "STATUS");
        var count = 0;
        for (var at = answer.IndexOf(Active, StringComparison.Ordinal); at >= 0; at = answer.IndexOf(Active, at + Active.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Ask(int port, string request)
    {
        try
        {
            using var client = new TcpClient();
            client.ReceiveTimeout = 5000;
            client.SendTimeout = 5000;
            client.Connect("127.0.0.1", port);
            using var stream = client.GetStream();
            stream.Write(Encoding.UTF8.GetBytes(request + "\n"));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadLine() ?? "";
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return "";
        }
    }
}
