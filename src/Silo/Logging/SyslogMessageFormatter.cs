using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Logging;

/// <summary>
/// Turns one log record into the text of one syslog datagram. A datagram is one record, so
/// line breaks (stack traces, multi-line messages) are folded into " | ".
/// </summary>
internal sealed class SyslogMessageFormatter
{
    private const string LineSeparator = " | ";

    private readonly int facility;
    private readonly SyslogFormat format;
    private readonly string appName;
    private readonly string hostName;
    private readonly string processId;

    public SyslogMessageFormatter(int facility, SyslogFormat format, string appName, string hostName, int processId)
    {
        this.facility = facility;
        this.format = format;
        this.appName = appName;
        this.hostName = IsPrintableAscii(hostName) ? hostName : "-";
        this.processId = processId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 5424 severities; Notice (5) has no LogLevel and is never produced.</summary>
    public static int SeverityOf(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    public string Format(LogLevel level, string category, EventId eventId, string message, Exception? exception, DateTimeOffset timestamp)
    {
        var text = new StringBuilder(128 + message.Length);
        text.Append('<').Append(facility * 8 + SeverityOf(level)).Append('>');
        if (format == SyslogFormat.Rfc5424)
        {
            AppendRfc5424Header(text, eventId, timestamp);
        }
        else
        {
            AppendRfc3164Header(text, timestamp);
        }

        text.Append(category).Append(": ");
        AppendFolded(text, message);
        if (exception is not null)
        {
            if (message.Length > 0)
            {
                text.Append(LineSeparator);
            }

            AppendFolded(text, exception.ToString());
        }

        return text.ToString();
    }

    // No HOSTNAME field: on the local socket both rsyslog (imuxsock's default parser) and
    // journald expect what syslog(3) sends, "<PRI>TIMESTAMP TAG[PID]: MSG", and would read a
    // host name as the tag. The receiving daemon adds the host name itself.
    private void AppendRfc3164Header(StringBuilder text, DateTimeOffset timestamp)
    {
        var local = timestamp.ToLocalTime();
        text.Append(local.ToString("MMM", CultureInfo.InvariantCulture))
            .Append(local.Day < 10 ? "  " : " ")
            .Append(local.Day.ToString(CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(local.ToString("HH:mm:ss", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(appName).Append('[').Append(processId).Append("]: ");
    }

    private void AppendRfc5424Header(StringBuilder text, EventId eventId, DateTimeOffset timestamp)
    {
        text.Append("1 ")
            .Append(timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture))
            .Append(' ').Append(hostName)
            .Append(' ').Append(appName)
            .Append(' ').Append(processId)
            .Append(' ').Append(MessageIdOf(eventId))
            .Append(" - ");
    }

    // MSGID is 1..32 printable ASCII characters; [LoggerMessage] event names fit.
    private static string MessageIdOf(EventId eventId)
    {
        if (eventId.Name is { Length: > 0 and <= 32 } name && IsPrintableAscii(name))
        {
            return name;
        }

        return eventId.Id != 0 ? eventId.Id.ToString(CultureInfo.InvariantCulture) : "-";
    }

    private static void AppendFolded(StringBuilder text, string value)
    {
        var span = value.AsSpan().TrimEnd();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c is '\r' or '\n')
            {
                // A line break and the indentation of the next line become one separator.
                while (i < span.Length && char.IsWhiteSpace(span[i]))
                {
                    i++;
                }

                TrimEndSpaces(text);
                text.Append(LineSeparator);
                continue;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
            i++;
        }
    }

    private static void TrimEndSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    private static bool IsPrintableAscii(string value) =>
        value.Length > 0 && value.All(c => c is > ' ' and < '\u007f');
}
