using K2Orleans.Silo.Tests.Support;

namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>
/// The init script and the cron watchdog with a real process, real signals and a real restart; run once against
/// the Perl stand-in (which can also hang and ignore SIGTERM) and once against the real silo.
/// </summary>
public abstract class WatchdogTests(bool realDaemon) : IDisposable
{
    private readonly DaemonHarness daemon = new(realDaemon);

    public void Dispose() => daemon.Dispose();

    [Fact]
    public void ShouldStartTheDaemonAgainAfterKillNine()
    {
        var killed = StartDaemon();
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        WaitFor.Condition("the killed daemon to die", () => !DaemonHarness.IsAlive(killed));
        Assert.Equal(1, daemon.Init("status").ExitCode);

        var result = daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        var restarted = daemon.Pid;
        Assert.NotEqual(killed, restarted);
        WaitFor.Condition("the restarted daemon to answer PING", daemon.AnswersPing, daemon.StartTimeout);
        var log = daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd started");
        Assert.Contains(log, line => line.StartsWith("<28>", StringComparison.Ordinal) && line.EndsWith("k2orleans-watchdog: k2serverd is not running; starting it", StringComparison.Ordinal));
        Assert.Contains($"(pid {restarted})", log[^1], StringComparison.Ordinal);
        if (daemon.DaemonLog is { } silo)
        {
            // The process the pid file names is the one that runs the silo and logs as it.
            silo.ReceiveUntil($"k2orleans[{restarted}]: K2Orleans.Silo.Logging.SiloLifetimeLog: K2Orleans silo started", daemon.StartTimeout);
        }
    }

    [Fact]
    public void ShouldRestartADaemonThatHangsAndIgnoresSigterm()
    {
        var hung = StartDaemon();
        daemon.Hang();
        WaitFor.Condition("the daemon to stop answering", () => !daemon.AnswersPing());

        var result = daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(DaemonHarness.IsAlive(hung));
        Assert.NotEqual(hung, daemon.Pid);
        WaitFor.Condition("the restarted daemon to answer PING", daemon.AnswersPing, daemon.StartTimeout);
        var log = daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd restarted");
        Assert.Contains(log, line => line.Contains($"did not answer PING on 127.0.0.1:{daemon.Port} within 2s", StringComparison.Ordinal));
        if (daemon.IsStandIn)
        {
            Assert.Contains(log, line => line.Contains($"k2serverd: pid {hung} did not stop within 2s of SIGTERM; sending SIGKILL", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ShouldLeaveAHealthyDaemonAloneAndLogNothing()
    {
        var pid = StartDaemon();

        var result = daemon.Watchdog();

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.False(daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged although the daemon is healthy: {logged}");
        Assert.Equal(pid, daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
    }

    [Fact]
    public void ShouldLeaveADaemonAloneThatAnswersBusy()
    {
        var pid = StartDaemon();
        daemon.MakeBusy();

        var result = daemon.Watchdog();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(pid, daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
        // One notice and nothing else: no "restarting it".
        Assert.Single(daemon.Syslog.ReceiveUntil("k2orleans-watchdog: k2serverd answers busy"));
        Assert.False(daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged more: {logged}");
    }

    [Fact]
    public void ShouldNotRestartADaemonStoppedWithTheInitScript()
    {
        var pid = StartDaemon();
        var stop = daemon.Init("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(DaemonHarness.IsAlive(pid));
        Assert.Equal(3, daemon.Init("status").ExitCode);
        daemon.Syslog.ReceiveUntil("k2serverd: stopped");

        var result = daemon.Watchdog();

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.False(daemon.Syslog.TryReceive(TimeSpan.Zero, out var logged), $"the watchdog logged about a daemon stopped on purpose: {logged}");
        Assert.False(daemon.AnswersPing());
        Assert.Equal(3, daemon.Init("status").ExitCode);
    }

    [Fact]
    public void ShouldGiveAStartingDaemonItsGracePeriod()
    {
        var pid = StartDaemon();
        daemon.Hang();
        WaitFor.Condition("the daemon to stop answering", () => !daemon.AnswersPing());

        var result = daemon.Watchdog(("K2_WATCHDOG_GRACE", "3600"));

        Assert.Equal(new ProcessResult(0, "", ""), result);
        Assert.Equal(pid, daemon.Pid);
        Assert.True(DaemonHarness.IsAlive(pid));
    }

    [Fact]
    public void ShouldReportItsActionsOnStderrWhenSyslogIsUnavailable()
    {
        var killed = StartDaemon();
        System.Diagnostics.Process.GetProcessById(killed).Kill();
        WaitFor.Condition("the killed daemon to die", () => !DaemonHarness.IsAlive(killed));

        var result = daemon.Watchdog(("K2_LOG_SOCKET", "/nonexistent/log.sock"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("k2orleans-watchdog: k2serverd is not running; starting it", result.Stderr, StringComparison.Ordinal);
        WaitFor.Condition("the restarted daemon to answer PING", daemon.AnswersPing, daemon.StartTimeout);
    }

    private int StartDaemon()
    {
        var start = daemon.Init("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        WaitFor.Condition("the daemon to answer PING with an active silo", daemon.IsHealthy, daemon.StartTimeout);
        Assert.Equal(0, daemon.Init("status").ExitCode);
        daemon.Syslog.ReceiveUntil("k2serverd: started");
        return daemon.Pid;
    }
}
