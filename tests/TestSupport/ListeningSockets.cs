using System.Globalization;

namespace K2Orleans.TestSupport;

/// <summary>Which addresses listen on given TCP ports, read from /proc/net/tcp and tcp6 as <c>ss -ltn</c> reads them.</summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    /// <summary>Address ("127.0.0.1", "0.0.0.0", "::" or "ipv6:&lt;hex&gt;") and port of each listening socket on <paramref name="ports"/>.</summary>
    public static List<(string Address, int Port)> On(params int[] ports)
    {
        var result = new List<(string, int)>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (address, portHex) = (fields[1][..fields[1].IndexOf(':')], fields[1][(fields[1].IndexOf(':') + 1)..]);
                var port = int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (fields[3] == Listen && ports.Contains(port))
                {
                    result.Add((Decode(address), port));
                }
            }
        }

        return result;
    }

    private static string Decode(string hex) => hex.Length == 8
        ? string.Join('.', Enumerable.Range(0, 4).Select(i => Convert.ToByte(hex.Substring(6 - (2 * i), 2), 16)))
        : hex == new string('0', 32) ? "::" : "ipv6:" + hex;
}
