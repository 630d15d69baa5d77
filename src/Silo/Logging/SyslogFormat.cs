namespace K2Orleans.Silo.Logging;

/// <summary>The wire format of one syslog datagram.</summary>
public enum SyslogFormat
{
    Rfc3164,
    Rfc5424,
}
