using System.Diagnostics;
using System.Globalization;
using K2Orleans.Silo.Tests.Support;

namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>
/// The init script and the cron watchdog run as root; the daemon runs as the service user, who owns
/// its runtime and log folders. Each test first has the service user plant what it can (a link in
/// place of a file root uses, a pid file naming another process), then lets root do its usual
/// work and shows the target unharmed. The daemon is the Perl stand-in: the scripts are under test.
/// </summary>
public sealed class ServiceUserAttackTests : IDisposable
{
    private readonly DaemonHarness _daemon = new(realDaemon: false, ServiceUser.Ensure());
    private readonly Process _victim = Process.Start("sleep", "600");
    private int _daemonPid;

    public void Dispose()
    {
        if (!_victim.HasExited)
        {
            _victim.Kill();
        }

        _victim.Dispose();
        _daemon.Dispose();
        // A test that left the pid file naming something else leaves the daemon to us.
        if (_daemonPid != 0 && DaemonHarness.IsAlive(_daemonPid))
        {
            Process.GetProcessById(_daemonPid).Kill();
        }
    }

    [Fact]
    public void ShouldNotHandTheServiceUserAFileLinkedInPlaceOfTheOutputFile()
    {
        var target = RootOnlyFile("secret");
        var logFolder = Path.GetDirectoryName(_daemon.OutputFile)!;
        Directory.CreateDirectory(logFolder);
        ServiceUser.Own(logFolder);
        Plant(() => ServiceUser.Run("ln", "-s", target, _daemon.OutputFile));
        var before = Snapshot(target);

        var start = _daemon.Init("start");
        _daemon.Watchdog();

        Assert.Equal(before, Snapshot(target));
        var refusal = $"{ServiceUser.Name} cannot append to {_daemon.OutputFile}";
        Assert.True(start.ExitCode != 0 && start.Stdout.Contains(refusal, StringComparison.Ordinal), start.ToString());
        Assert.Contains(refusal, _daemon.Syslog.ReceiveUntil("k2orleans-watchdog: start of k2serverd failed")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotSignalTheProcessThatAPidFilePlantedByTheServiceUserNames()
    {
        StartDaemon();
        var legacyPidFile = Path.Combine(_daemon.RunDirectory, "k2serverd.pid");
        // Wherever the service user can write: root's pid file if it could reach it, and where
        // the previous version of the init script kept it.
        ServiceUser.Run("sh", "-c", "for f; do rm -f \"$f\"; echo \"$0\" > \"$f\"; done", Victim, _daemon.PidFile, legacyPidFile);
        Assert.Equal(Victim, File.ReadAllText(legacyPidFile).Trim());

        var stop = _daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(DaemonHarness.IsAlive(_victim.Id), "root signalled the process that the service user named");
        Assert.False(DaemonHarness.IsAlive(_daemonPid), "the daemon itself was not stopped");
    }

    [Fact]
    public void ShouldStillStopADaemonThatThePreviousScriptRecordedInTheServiceUsersFolder()
    {
        StartDaemon();
        // Where the previous version of the init script kept the pid file, as after an upgrade.
        File.Move(_daemon.PidFile, Path.Combine(_daemon.RunDirectory, "k2serverd.pid"));

        var stop = _daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(DaemonHarness.IsAlive(_daemonPid), "the upgraded script left the old daemon running");
    }

    [Fact]
    public void ShouldNotSignalAProcessThatIsNotTheDaemon()
    {
        StartDaemon();
        // A pid file that outlived its daemon names whatever process got the pid next.
        File.WriteAllText(_daemon.PidFile, Victim + "\n");

        var stop = _daemon.Init("stop");
        var status = _daemon.Init("status");

        Assert.True(DaemonHarness.IsAlive(_victim.Id), "root signalled a process that is not the daemon");
        Assert.True(stop.ExitCode == 0 && stop.Stdout.Contains("k2serverd is not running", StringComparison.Ordinal), stop.ToString());
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public void ShouldRefuseAPidFileThatIsALink()
    {
        StartDaemon();
        // Even naming the daemon itself: a link in root's folder is not root's doing.
        var elsewhere = _daemon.InFolder("elsewhere.pid");
        File.WriteAllText(elsewhere, _daemonPid + "\n");
        File.Delete(_daemon.PidFile);
        File.CreateSymbolicLink(_daemon.PidFile, elsewhere);

        var stop = _daemon.Init("stop");

        Assert.Equal(1, stop.ExitCode);
        Assert.Contains($"refusing {_daemon.PidFile}: not a regular file", stop.Stdout, StringComparison.Ordinal);
        Assert.True(DaemonHarness.IsAlive(_daemonPid), "root followed the link and stopped the daemon it named");
    }

    [Fact]
    public void ShouldNotCreateAFileThroughALinkInPlaceOfTheWatchdogLock()
    {
        StartDaemon();
        var target = _daemon.InFolder("nologin");
        Plant(() => ServiceUser.Run("ln", "-s", target, Path.Combine(_daemon.RunDirectory, "watchdog.lock")));

        var cron = _daemon.CronWatchdog();

        Assert.True(cron.ExitCode == 0, cron.ToString());
        Assert.False(File.Exists(target), "root created a file through the service user's link");
        Assert.Equal(_daemonPid, _daemon.Pid);
    }

    [Fact]
    public void ShouldNotCreateAFileThroughALinkInPlaceOfTheStopMarker()
    {
        StartDaemon();
        var target = _daemon.InFolder("nologin");
        var markers = new[] { Path.GetDirectoryName(_daemon.PidFile)!, _daemon.RunDirectory }
            .Select(folder => Path.Combine(folder, "k2serverd.stopped"))
            .ToArray();
        ServiceUser.Run(["sh", "-c", "for f; do ln -s \"$0\" \"$f\"; done", target, .. markers]);
        Assert.Contains(markers, marker => File.Exists(marker) || new FileInfo(marker).LinkTarget is not null);

        var stop = _daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(File.Exists(target), "root created a file through the service user's link");
        Assert.False(DaemonHarness.IsAlive(_daemonPid));
    }

    private string Victim => _victim.Id.ToString(CultureInfo.InvariantCulture);

    private void StartDaemon()
    {
        var start = _daemon.Init("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        WaitFor.Condition("the daemon to answer PING", _daemon.AnswersPing);
        _daemonPid = _daemon.Pid;
        // The service user's runtime folder, as the units and the init script leave it.
        if (!Directory.Exists(_daemon.RunDirectory))
        {
            Directory.CreateDirectory(_daemon.RunDirectory);
            ServiceUser.Own(_daemon.RunDirectory);
        }
    }

    /// <summary>The attack must really be in place, or the test would prove nothing.</summary>
    private static void Plant(Func<ProcessResult> plant)
    {
        var result = plant();
        Assert.True(result.ExitCode == 0, $"the service user could not plant the link: {result}");
    }

    private string RootOnlyFile(string name)
    {
        var path = _daemon.InFolder(name);
        File.WriteAllText(path, "root only\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Owner, mode, modification time and content: whatever chown, chmod, touch or a write would change.</summary>
    private static string Snapshot(string path) =>
        ProcessRunner.Run("stat", ["-c", "%u:%g %a %y", path]).Stdout + File.ReadAllText(path);
}
