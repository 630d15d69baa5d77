using System.Text;

namespace K2Orleans.StatusBridge.Protocol;

/// <summary>Turns one request line into a <see cref="BridgeRequest"/>; the socket boundary's validation (contracts.md §3).</summary>
public static class RequestParser
{
    /// <summary>Longest request, counting the terminating <c>\n</c>.</summary>
    public const int MaxLineBytes = 1024;

    private const int MaxEchoLength = 32;
    private const string Expected = "send PING, STATUS, JOB <id> or QUIT";

    /// <param name="line">The bytes before the <c>\n</c>; a trailing <c>\r</c> is ignored.</param>
    public static BridgeRequest Parse(ReadOnlySpan<byte> line)
    {
        if (line.Length + 1 > MaxLineBytes)
        {
            return TooLong();
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        foreach (var b in line)
        {
            if (b is not ((>= 0x20 and <= 0x7E) or (byte)'\t'))
            {
                return Unknown($"request is not printable ASCII text; {Expected}");
            }
        }

        var words = Encoding.ASCII.GetString(line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return Unknown($"empty request; {Expected}");
        }

        var command = words[0].ToUpperInvariant();
        return command switch
        {
            "PING" => WithoutArgument(BridgeCommand.Ping, command, words),
            "STATUS" => WithoutArgument(BridgeCommand.Status, command, words),
            "QUIT" => WithoutArgument(BridgeCommand.Quit, command, words),
            "JOB" => Job(words),
            _ => Unknown($"unknown command '{Echo(words[0])}'; {Expected}"),
        };
    }

    /// <summary>The answer for a line that did not end within <see cref="MaxLineBytes"/>.</summary>
    public static BridgeRequest TooLong() => BridgeRequest.Invalid(ErrorCodes.LineTooLong,
        $"request longer than {MaxLineBytes} bytes (including the newline); closing the connection", closeAfter: true);

    private static BridgeRequest WithoutArgument(BridgeCommand command, string name, string[] words) =>
        words.Length == 1 ? new BridgeRequest(command) : Unknown($"{name} takes no argument; {Expected}");

    private static BridgeRequest Job(string[] words)
    {
        if (words.Length != 2)
        {
            return Unknown("JOB takes exactly one job id: JOB <id>");
        }

        var id = words[1];

        // An id no job can have is answered here, without bothering the cluster.
        return JobIdShape.IsMatch(id)
            ? new BridgeRequest(BridgeCommand.Job, id)
            : BridgeRequest.Invalid(ErrorCodes.NotFound,
                $"no job '{Echo(id)}' (job ids look like {JobIdShape.Example}: trophy, UTC start time)");
    }

    private static string Echo(string word) => word.Length <= MaxEchoLength ? word : word[..MaxEchoLength] + "...";

    private static BridgeRequest Unknown(string message) => BridgeRequest.Invalid(ErrorCodes.UnknownCommand, message);
}
