using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using K2Orleans.Silo.Logging;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Tests.Logging;

public sealed class SyslogLoggerProviderTests : IDisposable
{
    private const string Category = "K2Orleans.Tests.Render";

    private readonly TempDirectory folder = new();
    private readonly DatagramReceiver syslog;

    public SyslogLoggerProviderTests()
    {
        syslog = new DatagramReceiver(folder.File("log.sock"));
    }

    public void Dispose()
    {
        syslog.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void ShouldSendAnRfc3164RecordWithPriorityTagPidAndMessage()
    {
        using var provider = CreateProvider(options => options.Facility = "local3");

        provider.CreateLogger(Category).Log(LogLevel.Warning, "disk has {Free} MB left", 42);

        var datagram = syslog.Receive();
        var match = Regex.Match(datagram, @"^<(\d+)>([A-Z][a-z]{2} [ 1-3]\d \d\d:\d\d:\d\d) k2test\[(\d+)\]: (.*)$");
        Assert.True(match.Success, datagram);
        Assert.Equal((19 * 8) + 4, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), match.Groups[3].Value);
        Assert.Equal($"{Category}: disk has 42 MB left", match.Groups[4].Value);
        AssertCloseToNow(DateTime.ParseExact(
            match.Groups[2].Value.Replace("  ", " ", StringComparison.Ordinal), "MMM d HH:mm:ss", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ShouldSendAnRfc5424RecordWithHostAppPidAndMessageId()
    {
        using var provider = CreateProvider(options => options.Format = "rfc5424");

        provider.CreateLogger(Category).Log(LogLevel.Information, new EventId(7, "BatchRendered"), "rendered {Count} images", 5);

        var datagram = syslog.Receive();
        var match = Regex.Match(datagram, @"^<30>1 (\S+) testhost k2test (\d+) BatchRendered - (.*)$");
        Assert.True(match.Success, datagram);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), match.Groups[2].Value);
        Assert.Equal($"{Category}: rendered 5 images", match.Groups[3].Value);
        AssertCloseToNow(DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).LocalDateTime);
    }

    [Theory]
    [InlineData(LogLevel.Critical, 2)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Trace, 7)]
    public void ShouldMapTheLogLevelToTheSyslogSeverity(LogLevel level, int severity)
    {
        using var provider = CreateProvider();

        provider.CreateLogger(Category).Log(level, "level check");

        Assert.StartsWith($"<{(3 * 8) + severity}>", syslog.Receive(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAppendTheExceptionOnTheSameLine()
    {
        using var provider = CreateProvider();
        var exception = CaptureThrown(() => throw new InvalidOperationException("layer base/walnut.png is corrupt"));

        provider.CreateLogger(Category).Log(LogLevel.Error, exception, "render of {Key} failed", "walnut_gold_none");

        var datagram = syslog.Receive();
        Assert.DoesNotContain('\n', datagram);
        Assert.DoesNotContain('\r', datagram);
        Assert.Contains(
            "render of walnut_gold_none failed | System.InvalidOperationException: layer base/walnut.png is corrupt | at ",
            datagram,
            StringComparison.Ordinal);
        Assert.Contains(nameof(CaptureThrown), datagram, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldFoldAMultiLineMessageIntoOneLine()
    {
        using var provider = CreateProvider();

        provider.CreateLogger(Category).Log(LogLevel.Information, "first line\r\n    second line\nthird\tline\n");

        Assert.EndsWith($"{Category}: first line | second line | third line", syslog.Receive(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldCutAnOverlongRecordOnACharacterBoundary()
    {
        using var provider = CreateProvider();

        provider.CreateLogger(Category).Log(LogLevel.Information, new string('é', 20_000));

        var datagram = syslog.ReceiveBytes();
        Assert.InRange(datagram.Length, 7000, 8000);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(datagram);
        Assert.EndsWith("é...", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotThrowAndShouldReportOnceWhenTheSocketIsMissing()
    {
        var notices = new StringWriter();
        using var provider = CreateProvider(options => options.SyslogSocket = folder.File("missing.sock"), notices);
        var logger = provider.CreateLogger(Category);

        for (var i = 0; i < 5; i++)
        {
            logger.Log(LogLevel.Error, "nobody listens");
        }

        WaitFor.Condition("five dropped records", () => provider.DroppedCount == 5);
        var lines = notices.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var notice = Assert.Single(lines);
        Assert.Contains("missing.sock", notice, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReachTheSocketOnceItAppearsAndReportTheDroppedRecords()
    {
        var path = folder.File("late.sock");
        using var provider = CreateProvider(options => options.SyslogSocket = path);
        var logger = provider.CreateLogger(Category);
        logger.Log(LogLevel.Information, "before syslog started");
        WaitFor.Condition("the first record to be dropped", () => provider.DroppedCount == 1);

        using var lateSyslog = new DatagramReceiver(path);
        var received = new List<string>();
        WaitFor.Condition(
            "a record through the new socket",
            () =>
            {
                // Reconnecting is throttled, so records go on being dropped for up to a second.
                logger.Log(LogLevel.Information, "after syslog started");
                if (lateSyslog.TryReceive(TimeSpan.FromMilliseconds(100), out var datagram))
                {
                    received.Add(datagram);
                }

                return received.Any(d => d.Contains("after syslog started", StringComparison.Ordinal));
            });

        Assert.StartsWith("<28>", received[0], StringComparison.Ordinal);
        Assert.Matches(@"\d+ log records were dropped", received[0]);
    }

    [Fact]
    public void ShouldReconnectWhenTheSyslogDaemonRestarts()
    {
        var path = folder.File("restarting.sock");
        using var provider = CreateProvider(options => options.SyslogSocket = path);
        var logger = provider.CreateLogger(Category);
        using (var first = new DatagramReceiver(path))
        {
            logger.Log(LogLevel.Information, "to the first daemon");
            Assert.EndsWith("to the first daemon", first.Receive(), StringComparison.Ordinal);
        }

        using var second = new DatagramReceiver(path);
        logger.Log(LogLevel.Information, "to the second daemon");

        Assert.EndsWith("to the second daemon", second.Receive(), StringComparison.Ordinal);
        Assert.Equal(0, provider.DroppedCount);
    }

    [Fact]
    public void ShouldDropARecordWhoseFormattingThrowsWithoutThrowing()
    {
        using var provider = CreateProvider();
        var logger = provider.CreateLogger(Category);

        logger.Log<string>(LogLevel.Information, default, "state", null, (_, _) => throw new FormatException("bad template"));
        logger.Log(LogLevel.Information, "still logging");

        Assert.Equal(1, provider.DroppedCount);
        var received = syslog.ReceiveUntil("still logging");
        Assert.Contains(received, d => d.Contains("1 log records were dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldNotBlockCallersWhenSyslogStopsReading()
    {
        // this.syslog never reads: the kernel queues a few hundred datagrams, then sends block.
        using var provider = CreateProvider();
        var logger = provider.CreateLogger(Category);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 30_000; i++)
        {
            logger.Log(LogLevel.Information, "flood {Index}", i);
        }

        // Blocking callers would take a send timeout (1 s) per record past the queue.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"30000 records took {clock.Elapsed}");
        Assert.True(provider.DroppedCount > 0);
    }

    private SyslogLoggerProvider CreateProvider(Action<LoggingOptions>? configure = null, TextWriter? notices = null)
    {
        var options = new LoggingOptions { Syslog = true, SyslogSocket = syslog.Path, AppName = "k2test" };
        configure?.Invoke(options);
        return new SyslogLoggerProvider(options, notices ?? TextWriter.Null, "testhost");
    }

    private static void AssertCloseToNow(DateTime stamp)
    {
        var difference = (DateTime.Now - stamp).Duration();
        Assert.True(difference < TimeSpan.FromMinutes(2), $"timestamp {stamp:O} is {difference} away from now");
    }

    private static Exception CaptureThrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("nothing was thrown");
    }
}
