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
    private readonly DaemonHarness daemon = new(realDaemon: false, ServiceUser.Ensure());
    private readonly Process victim = Process.Start("sleep", "600");
    private int daemonPid;

    public void Dispose()
    {
        if (!victim.HasExited)
        {
            victim.Kill();
        }

        victim.Dispose();
        daemon.Dispose();
        // A test that left the pid file naming something else leaves the daemon to us.
        if (daemonPid != 0 && DaemonHarness.IsAlive(daemonPid))
        {
            Process.GetProcessById(daemonPid).Kill();
        }
    }

    [Fact]
    public void ShouldNotHandTheServiceUserAFileLinkedInPlaceOfTheOutputFile()
    {
        var target = RootOnlyFile("secret");
        var logFolder = Path.GetDirectoryName(daemon.OutputFile)!;
        Directory.CreateDirectory(logFolder);
        ServiceUser.Own(logFolder);
        Plant(() => ServiceUser.Run("ln", "-s", target, daemon.OutputFile));
        var before = Snapshot(target);

        var start = daemon.Init("start");
        daemon.Watchdog();

        Assert.Equal(before, Snapshot(target));
        var refusal = $"{ServiceUser.Name} cannot append to {daemon.OutputFile}";
        Assert.True(start.ExitCode != 0 && start.Stdout.Contains(refusal, StringComparison.Ordinal), start.ToString());
        Assert.Contains(refusal, daemon.Syslog.ReceiveUntil("k2orleans-watchdog: start of k2serverd failed")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotSignalTheProcessThatAPidFilePlantedByTheServiceUserNames()
    {
        StartDaemon();
        var legacyPidFile = Path.Combine(daemon.RunDirectory, "k2serverd.pid");
        // Wherever the service user can write: root's pid file if it could reach it, and where
        // the previous version of the init script kept it.
        ServiceUser.Run("sh", "-c", "for f; do rm -f \"$f\"; echo \"$0\" > \"$f\"; done", Victim, daemon.PidFile, legacyPidFile);
        Assert.Equal(Victim, File.ReadAllText(legacyPidFile).Trim());

        var stop = daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(DaemonHarness.IsAlive(victim.Id), "root signalled the process that the service user named");
        Assert.False(DaemonHarness.IsAlive(daemonPid), "the daemon itself was not stopped");
    }

    [Fact]
    public void ShouldStillStopADaemonThatThePreviousScriptRecordedInTheServiceUsersFolder()
    {
        StartDaemon();
        // Where the previous version of the init script kept the pid file, as after an upgrade.
        File.Move(daemon.PidFile, Path.Combine(daemon.RunDirectory, "k2serverd.pid"));

        var stop = daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(DaemonHarness.IsAlive(daemonPid), "the upgraded script left the old daemon running");
    }

    [Fact]
    public void ShouldNotSignalAProcessThatIsNotTheDaemon()
    {
        StartDaemon();
        // A pid file that outlived its daemon names whatever process got the pid next.
        File.WriteAllText(daemon.PidFile, Victim + "\n");

        var stop = daemon.Init("stop");
        var status = daemon.Init("status");

        Assert.True(DaemonHarness.IsAlive(victim.Id), "root signalled a process that is not the daemon");
        Assert.True(stop.ExitCode == 0 && stop.Stdout.Contains("k2serverd is not running", StringComparison.Ordinal), stop.ToString());
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public void ShouldRefuseAPidFileThatIsALink()
    {
        StartDaemon();
        // Even naming the daemon itself: a link in root's folder is not root's doing.
        var elsewhere = daemon.InFolder("elsewhere.pid");
        File.WriteAllText(elsewhere, daemonPid + "\n");
        File.Delete(daemon.PidFile);
        File.CreateSymbolicLink(daemon.PidFile, elsewhere);

        var stop = daemon.Init("stop");

        Assert.Equal(1, stop.ExitCode);
        Assert.Contains($"refusing {daemon.PidFile}: not a regular file", stop.Stdout, StringComparison.Ordinal);
        Assert.True(DaemonHarness.IsAlive(daemonPid), "root followed the link and stopped the daemon it named");
    }

    [Fact]
    public void ShouldNotCreateAFileThroughALinkInPlaceOfTheWatchdogLock()
    {
        StartDaemon();
        var target = daemon.InFolder("nologin");
        Plant(() => ServiceUser.Run("ln", "-s", target, Path.Combine(daemon.RunDirectory, "watchdog.lock")));

        var cron = daemon.CronWatchdog();

        Assert.True(cron.ExitCode == 0, cron.ToString());
        Assert.False(File.Exists(target), "root created a file through the service user's link");
        Assert.Equal(daemonPid, daemon.Pid);
    }

    [Fact]
    public void ShouldNotCreateAFileThroughALinkInPlaceOfTheStopMarker()
    {
        StartDaemon();
        var target = daemon.InFolder("nologin");
        var markers = new[] { Path.GetDirectoryName(daemon.PidFile)!, daemon.RunDirectory }
            .Select(folder => Path.Combine(folder, "k2serverd.stopped"))
            .ToArray();
        ServiceUser.Run(["sh", "-c", "for f; do ln -s \"$0\" \"$f\"; done", target, .. markers]);
        Assert.Contains(markers, marker => File.Exists(marker) || new FileInfo(marker).LinkTarget is not null);

        var stop = daemon.Init("stop");

        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(File.Exists(target), "root created a file through the service user's link");
        Assert.False(DaemonHarness.IsAlive(daemonPid));
    }

    private string Victim => victim.Id.ToString(CultureInfo.InvariantCulture);

    private void StartDaemon()
    {
        var start = daemon.Init("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        WaitFor.Condition("the daemon to answer PING", daemon.AnswersPing);
        daemonPid = daemon.Pid;
        // The service user's runtime folder, as the units and the init script leave it.
        if (!Directory.Exists(daemon.RunDirectory))
        {
            Directory.CreateDirectory(daemon.RunDirectory);
            ServiceUser.Own(daemon.RunDirectory);
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
        var path = daemon.InFolder(name);
        File.WriteAllText(path, "root only\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <summary>Owner, mode, modification time and content: whatever chown, chmod, touch or a write would change.</summary>
    private static string Snapshot(string path) =>
        ProcessRunner.Run("stat", ["-c", "%u:%g %a %y", path]).Stdout + File.ReadAllText(path);
}
