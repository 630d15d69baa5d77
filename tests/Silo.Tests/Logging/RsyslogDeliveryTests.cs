using System.Globalization;
using K2Orleans.Silo.Logging;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Tests.Logging;

/// <summary>Records through a real rsyslogd, parsed the way a production syslog parses them.</summary>
public sealed class RsyslogDeliveryTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ShouldBeParsedByRsyslogWithItsDefaultLocalSocketParserInRfc3164()
    {
        using var rsyslog = RsyslogProcess.Start(folder);
        using var provider = new SyslogLoggerProvider(new LoggingOptions
        {
            Syslog = true,
            SyslogSocket = rsyslog.SocketPath,
            Facility = "local4",
        });
        var marker = Guid.NewGuid().ToString("N");

        provider.CreateLogger("K2Orleans.Tests.Rsyslog").Log(LogLevel.Warning, "rsyslog check {Marker}", marker);

        var fields = rsyslog.WaitForLine(marker).Split('|');
        Assert.Equal("local4", fields[0]);
        Assert.Equal("warning", fields[1]);
        Assert.Equal("k2orleans", fields[3]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), fields[4]);
        Assert.Equal($"K2Orleans.Tests.Rsyslog: rsyslog check {marker}", fields[6].Trim());
    }

    [Fact]
    public void ShouldBeParsedByRsyslogInRfc5424WhenItsPlainParserIsOn()
    {
        using var rsyslog = RsyslogProcess.Start(folder, plainParser: true);
        using var provider = new SyslogLoggerProvider(new LoggingOptions
        {
            Syslog = true,
            SyslogSocket = rsyslog.SocketPath,
            Format = "rfc5424",
            AppName = "k2-render",
        });
        var marker = Guid.NewGuid().ToString("N");

        provider.CreateLogger("K2Orleans.Tests.Rsyslog").Log(LogLevel.Error, new EventId(12, "JobFailed"), "job {Marker} failed", marker);

        var fields = rsyslog.WaitForLine(marker).Split('|');
        Assert.Equal("daemon", fields[0]);
        Assert.Equal("err", fields[1]);
        Assert.Equal(Environment.MachineName, fields[2]);
        Assert.Equal("k2-render", fields[3]);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), fields[4]);
        Assert.Equal("JobFailed", fields[5]);
        Assert.Equal($"K2Orleans.Tests.Rsyslog: job {marker} failed", fields[6].Trim());
    }
}
