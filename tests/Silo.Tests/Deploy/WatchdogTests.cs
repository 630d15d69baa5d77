using K2Orleans.Silo.Tests.Support;

namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>
/// The init script and the cron watchdog with a real process, real signals and a real restart; run once against
/// the Perl stand-in (which can also hang and ignore SIGTERM) and once against the real silo.
/// </summary>
public abstract class WatchdogTests(bool realDaemon) : IDisposable
{
    private readonly DaemonHarness _daemon = new(realDaemon);

    public void Dispose() => _daemon.Dispose();

    [Fact]
    public void ShouldStartTheDaemonAgainAfterKillNine()
    {
        var killed = StartDaemon();
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        WaitFor.Condition("the killed daemon to die", () => !DaemonHarness.IsAlive(killed));
        Assert.Equal(1, _daemon.Init("status").ExitCode);

        var result = _daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        var restarted = _daemon.Pid;
        Assert.NotEqual(killed, restarted);
        WaitFor.Condition("the restarted daemon to answer PING", _daemon.AnswersPing, _daemon.StartTimeout);
        var log = _daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd started");
        Assert.Contains(log, line => line.StartsWith("<28>", StringComparison.Ordinal) && line.EndsWith("k2orleans-watchdog: k2serverd is not running; starting it", StringComparison.Ordinal));
        Assert.Contains($"(pid {restarted})", log[^1], StringComparison.Ordinal);
        if (_daemon.DaemonLog is { } silo)
        {
            // The process the pid file names is the one that runs the silo and logs as it.
            silo.ReceiveUntil($"k2orleans[{restarted}]: K2Orleans.Silo.Logging.SiloLifetimeLog: K2Orleans silo started", _daemon.StartTimeout);
        }
    }

    [Fact]
    public void ShouldRestartADaemonThatHangsAndIgnoresSigterm()
    {
        var hung = StartDaemon();
        _daemon.Hang();
        WaitFor.Condition("the daemon to stop answering", () => !_daemon.AnswersPing());

        var result = _daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(DaemonHarness.IsAlive(hung));
        Assert.NotEqual(hung, _daemon.Pid);
        WaitFor.Condition("the restarted daemon to answer PING", _daemon.AnswersPing, _daemon.StartTimeout);
        var log = _daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd restarted");
        Assert.Contains(log, line => line.Contains($"did not answer PING on 127.0.0.1:{_daemon.Port} within 2s", StringComparison.Ordinal));
        if (_daemon.IsStandIn)
        {
            Assert.Contains(log, line => line.Contains($"k2serverd: pid {hung} did not stop within 2s of SIGTERM; sending SIGKILL", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ShouldLeaveAHealthyDaemonAloneAndLogNothing()
    {
        var pid = StartDaemon();

        var result = _daemon.Watchdog();

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.False(_daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged although the daemon is healthy: {logged}");
        Assert.Equal(pid, _daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
    }

    [Fact]
    public void ShouldLeaveADaemonAloneThatAnswersBusy()
    {
        var pid = StartDaemon();
        _daemon.MakeBusy();

        var result = _daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(pid, _daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
        // One notice and nothing else: no "restarting it".
        Assert.Single(_daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd answers busy"));
        Assert.False(_daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged more: {logged}");
    }

    [Fact]
    public void ShouldNotRestartADaemonStoppedWithTheInitScript()
    {
        var pid = StartDaemon();
        var stop = _daemon.Init("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(DaemonHarness.IsAlive(pid));
        Assert.Equal(3, _daemon.Init("status").ExitCode);
        _daemon.Syslog.ReceiveUntil("k2serverd: stopped");

        var result = _daemon.Watchdog();

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.False(_daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged about a daemon stopped on purpose: {logged}");
        Assert.False(_daemon.AnswersPing());
        Assert.Equal(3, _daemon.Init("status").ExitCode);
    }

    [Fact]
    public void ShouldGiveAStartingDaemonItsGracePeriod()
    {
        var pid = StartDaemon();
        _daemon.Hang();
        WaitFor.Condition("the daemon to stop answering", () => !_daemon.AnswersPing());

        var result = _daemon.Watchdog(("K2_WATCHDOG_GRACE", "3600"));

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.Equal(pid, _daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
    }

    [Fact]
    public void ShouldReportItsActionsOnStderrWhenSyslogIsUnavailable()
    {
        var killed = StartDaemon();
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        WaitFor.Condition("the killed daemon to die", () => !DaemonHarness.IsAlive(killed));

        var result = _daemon.Watchdog(("K2_LOG_SOCKET", "/nonexistent/log.sock"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("k2orleans-watchdog: k2serverd is not running; starting it", result.Stderr, StringComparison.Ordinal);
        WaitFor.Condition("the restarted daemon to answer PING", _daemon.AnswersPing, _daemon.StartTimeout);
    }

    private int StartDaemon()
    {
        var start = _daemon.Init("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        WaitFor.Condition("the daemon to answer PING with an active silo", _daemon.IsHealthy, _daemon.StartTimeout);
        Assert.Equal(0, _daemon.Init("status").ExitCode);
        _daemon.Syslog.ReceiveUntil("k2serverd: started");
        return _daemon.Pid;
    }
}
