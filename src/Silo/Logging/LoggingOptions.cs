namespace K2Orleans.Silo.Logging;

/// <summary>
/// The "Logging" configuration section (contracts.md section 6). It shares the section with
/// Microsoft's own <c>Logging:LogLevel</c> entries, which still apply to single categories.
/// </summary>
public sealed class LoggingOptions
{
    public const string SectionName = "Logging";

    /// <summary>Send log records to the local syslog socket. Off by default; each host decides.</summary>
    public bool Syslog { get; set; }

    /// <summary>Syslog facility name: kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0..local7.</summary>
    public string Facility { get; set; } = "daemon";

    /// <summary><c>rfc3164</c> (what syslog(3) writes, understood by every local syslog daemon) or <c>rfc5424</c>.</summary>
    public string Format { get; set; } = "rfc3164";

    /// <summary>Log the project's own Debug records (chatty progress lines) and Orleans' Information records.</summary>
    public bool Debug { get; set; }

    /// <summary>The syslog daemon's Unix datagram socket.</summary>
    public string SyslogSocket { get; set; } = "/dev/log";

    /// <summary>The syslog tag (RFC 3164) or APP-NAME (RFC 5424).</summary>
    public string AppName { get; set; } = "k2orleans";
}
