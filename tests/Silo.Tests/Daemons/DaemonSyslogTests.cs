using System.Globalization;
using System.Text.RegularExpressions;

namespace K2Orleans.Silo.Tests.Daemons;

/// <summary>
/// What the real daemon sends to syslog while it runs a job: read from a Unix datagram socket the test binds in place
/// of /dev/log, and through a private rsyslogd.
/// </summary>
public sealed partial class DaemonSyslogTests : IDisposable
{
    private const int DaemonFacility = 3;
    private const int Information = 6;
    private const int Debug = 7;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);
    private readonly string folder = Directory.CreateTempSubdirectory("k2-syslog-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldSendAFewInformationLinesForAWholeJobWithoutTheDebugFlag()
    {
        using var syslog = new DatagramReceiver(Path.Combine(folder, "log.sock"));
        using var daemon = SyslogDaemon(syslog.Path, debug: false);
        await daemon.StartAsync();
        var lines = syslog.ReceiveUntil("K2Orleans silo started", TimeSpan.FromMinutes(1));

        var jobId = await daemon.SubmitAsync(SampleSpec.Write("classic-cup", folder, 150, 240), Path.Combine(folder, "out"));
        var job = await daemon.WaitForFinishAsync(jobId, JobTimeout);
        lines.AddRange(syslog.ReceiveUntil($"Job {jobId} Completed", TimeSpan.FromMinutes(1)));
        var lateCancel = await K2Process.RunAsync(folder, daemon.Environment, TimeSpan.FromMinutes(1), "cancel", jobId);
        var exitCode = await daemon.TerminateAsync(TimeSpan.FromMinutes(1));
        while (syslog.TryReceive(TimeSpan.Zero, out var line))
        {
            lines.Add(line);
        }

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(0, exitCode);
        Assert.Equal($"{jobId}: completed, 50 of 50 done", lateCancel.StandardOutput.Trim());   // a cancel too late changes nothing
        var records = lines.Select(Parse).ToList();
        Assert.All(records, r => Assert.Equal((DaemonFacility, daemon.Process.Id), (r.Facility, r.Pid)));
        Assert.DoesNotContain(records, r => r.Severity == Debug);
        Assert.True(records.Count <= 10, $"{records.Count} lines for one job:\n{string.Join('\n', lines)}");

        var cluster = daemon.Environment;
        var started = Assert.Single(records, r => r.Message.StartsWith("K2Orleans silo started", StringComparison.Ordinal));
        Assert.Equal(Information, started.Severity);
        Assert.Equal("K2Orleans.Silo.Logging.SiloLifetimeLog", started.Category);
        Assert.Contains($"mode Localhost, silo port {cluster["K2__Cluster__SiloPort"]}, gateway port {cluster["K2__Cluster__GatewayPort"]}, storage Sqlite ", started.Message, StringComparison.Ordinal);
        Assert.Contains($"render limit 2, status socket 127.0.0.1:{daemon.StatusPort}, dashboard off", started.Message, StringComparison.Ordinal);
        Assert.Single(records, r => r.Severity == Information && r.Message == $"Job {jobId} started for classic-cup: 50 combinations in {job.GetProperty("batches").GetProperty("total").GetInt32()} batches");
        Assert.Single(records, r => r.Severity == Information && r.Message == $"Job {jobId} Completed: rendered 50, skipped 0, failed 0 of 50");
        var stopping = records.FindIndex(r => r.Message.StartsWith("K2Orleans silo stopping", StringComparison.Ordinal));
        var stopped = records.FindIndex(r => r.Message.StartsWith("K2Orleans silo stopped after", StringComparison.Ordinal));
        Assert.True(stopping >= 0 && stopped > stopping, string.Join('\n', lines));
    }

    [Fact]
    public async Task ShouldSendPerBatchDebugLinesWithTheDebugFlag()
    {
        using var syslog = new DatagramReceiver(Path.Combine(folder, "log.sock"));
        using var daemon = SyslogDaemon(syslog.Path, debug: true);
        await daemon.StartAsync();

        var jobId = await daemon.SubmitAsync(SampleSpec.Write("classic-cup", folder, 150, 240), Path.Combine(folder, "out"));
        var job = await daemon.WaitForFinishAsync(jobId, JobTimeout);
        var records = syslog.ReceiveUntil($"Job {jobId} Completed", TimeSpan.FromMinutes(1)).Select(Parse).ToList();

        var batches = job.GetProperty("batches").GetProperty("total").GetInt32();
        var batchLines = records.Where(r => r.Category == "K2Orleans.Grains.Batches.RenderBatchGrain").ToList();
        Assert.All(batchLines, r => Assert.Equal((Debug, daemon.Process.Id), (r.Severity, r.Pid)));
        var started = batchLines
            .Select(r => Regex.Match(r.Message, $@"^Batch {Regex.Escape(jobId)}/(\d+) attempt 1 started: (\d+) combinations$"))
            .Where(m => m.Success)
            .DistinctBy(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(batches, started.Count);
        Assert.Equal(job.GetProperty("total").GetInt64(), started.Sum(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
        var finished = batchLines.Where(r => r.Message.StartsWith($"Batch {jobId}/", StringComparison.Ordinal) && r.Message.Contains(" finished: ", StringComparison.Ordinal));
        Assert.True(finished.Count() >= batches, $"{finished.Count()} batch-finished lines for {batches} batches");
    }

    [Fact]
    public async Task ShouldHaveItsStartLineWrittenByARealRsyslog()
    {
        using var rsyslogFolder = new TempDirectory();
        using var rsyslog = RsyslogProcess.Start(rsyslogFolder);
        using var daemon = SyslogDaemon(rsyslog.SocketPath, debug: false);

        await daemon.StartAsync();

        var fields = rsyslog.WaitForLine("K2Orleans silo started").Split('|');
        Assert.Equal("daemon", fields[0]);
        Assert.Equal("info", fields[1]);
        Assert.Equal("k2orleans", fields[3]);
        Assert.Equal(daemon.Process.Id.ToString(CultureInfo.InvariantCulture), fields[4]);
        Assert.StartsWith("K2Orleans.Silo.Logging.SiloLifetimeLog: K2Orleans silo started: version ", fields[6].Trim(), StringComparison.Ordinal);
    }

    private Daemon SyslogDaemon(string socket, bool debug)
    {
        var daemon = new Daemon(folder);
        daemon.Environment["K2__Logging__Syslog"] = "true";
        daemon.Environment["K2__Logging__SyslogSocket"] = socket;
        daemon.Environment["K2__Logging__Debug"] = debug ? "true" : "false";
        return daemon;
    }

    /// <summary>One RFC 3164 datagram as the daemon sends it: <c>&lt;PRI&gt;Mmm dd hh:mm:ss k2orleans[PID]: category: message</c>.</summary>
    private static SyslogRecord Parse(string datagram)
    {
        var match = Rfc3164().Match(datagram);
        Assert.True(match.Success, $"not an RFC 3164 record from k2orleans: {datagram}");
        var priority = int.Parse(match.Groups["pri"].Value, CultureInfo.InvariantCulture);
        return new SyslogRecord(
            priority / 8,
            priority % 8,
            int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture),
            match.Groups["category"].Value,
            match.Groups["message"].Value);
    }

    [GeneratedRegex(@"^<(?<pri>\d{1,3})>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d k2orleans\[(?<pid>\d+)\]: (?<category>[^ :]+): (?<message>.*)$")]
    private static partial Regex Rfc3164();

    private sealed record SyslogRecord(int Facility, int Severity, int Pid, string Category, string Message);
}
