using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace K2Orleans.Silo.Tests.Support;

/// <summary>
/// Runs deploy/init.d/k2serverd and deploy/watchdog.sh against a daemon in a test folder: its
/// pid file, output file, status port and syslog socket are the test's own, laid out as on a
/// host (run/k2orleans-root for root's files, run/k2orleans and log/ for the service user's).
/// The daemon runs as the current user, or as <see cref="ServiceUser"/> when asked. The daemon is the
/// Perl stand-in, or the real silo: k2orleans-silo from the build output, run as the current
/// user with its ports, state and syslog socket in the test folder (K2__ variables, which the
/// init script passes on; the same as <see cref="Daemon"/> gives every test daemon). K2_TEST_DAEMON names another executable to use as the real daemon
/// (K2_TEST_DAEMON_ARGS its arguments, {port} replaced by the status port).
/// </summary>
public sealed class DaemonHarness : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly Dictionary<string, string?> environment;
    private readonly List<TcpClient> heldConnections = [];

    /// <param name="realDaemon">The real silo rather than the Perl stand-in.</param>
    /// <param name="serviceUser">Run the daemon as this user, as on a host (needs root); null: as the current user.</param>
    public DaemonHarness(bool realDaemon, string? serviceUser = null)
    {
        // The real silo gets the same K2__ settings as every test daemon (its own free ports); the init script starts it.
        var silo = realDaemon ? new Daemon(folder.Path, allowTestRoots: false, settings: new Dictionary<string, string>
        {
            ["K2__Images__Enabled"] = "false",
            ["K2__StatusBridge__MaxConnections"] = MaxConnections.ToString(CultureInfo.InvariantCulture),
            ["K2__Logging__Syslog"] = "true",
        }) : null;
        Port = silo?.StatusPort ?? FreeTcpPort.Next();
        Syslog = new DatagramReceiver(folder.File("log.sock"));
        PidFile = folder.File("run/k2orleans-root/k2serverd.pid");
        RunDirectory = folder.File("run/k2orleans");
        OutputFile = folder.File("log/k2serverd.out");
        IsStandIn = !realDaemon;
        if (serviceUser is not null)
        {
            // The service user must reach the daemon, its working folder and its own folders in here.
            File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        }

        var external = Environment.GetEnvironmentVariable("K2_TEST_DAEMON");
        var daemon = IsStandIn ? StandIn()
            : string.IsNullOrEmpty(external) ? Path.Combine(AppContext.BaseDirectory, "k2orleans-silo")
            : external;
        var arguments = IsStandIn ? "{port}" : Environment.GetEnvironmentVariable("K2_TEST_DAEMON_ARGS") ?? "";
        environment = new()
        {
            ["K2_DEFAULTS_FILE"] = folder.File("no-defaults"),
            ["K2_DAEMON"] = daemon,
            ["K2_DAEMON_ARGS"] = arguments.Replace("{port}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["K2_PIDFILE"] = PidFile,
            ["K2_RUN_DIR"] = RunDirectory,
            ["K2_USER"] = serviceUser ?? "",
            ["K2_WORKDIR"] = folder.Path,
            ["K2_OUTPUT"] = OutputFile,
            // The stand-in may ignore SIGTERM on purpose; the silo stops gracefully, which takes a few seconds.
            ["K2_STOP_TIMEOUT"] = IsStandIn ? "2" : "60",
            ["K2_LOG_SOCKET"] = Syslog.Path,
            ["K2_INIT_SCRIPT"] = RepoPaths.Deploy("init.d/k2serverd"),
            ["K2_SERVICE_MANAGER"] = "init",
            ["K2_WATCHDOG_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["K2_WATCHDOG_TIMEOUT"] = "2",
            ["K2_WATCHDOG_GRACE"] = "0",
        };
        if (!IsStandIn)
        {
            // The silo logs to a socket of its own, so the watchdog's and the init script's lines stay countable.
            DaemonLog = new DatagramReceiver(folder.File("silo-log.sock"));
            foreach (var (key, value) in silo!.Environment)
            {
                environment[key] = value;
            }

            environment["K2__Logging__SyslogSocket"] = DaemonLog.Path;
        }
    }

    public int Port { get; }

    /// <summary>How long the daemon may take to answer PING after a start: the silo needs seconds, more on a busy host.</summary>
    public TimeSpan StartTimeout => IsStandIn ? WaitFor.DefaultTimeout : TimeSpan.FromMinutes(2);

    /// <summary>Whether the daemon is the Perl stand-in, which can hang on request and then ignores SIGTERM.</summary>
    public bool IsStandIn { get; }

    /// <summary>Root's pid file, in a folder only root writes.</summary>
    public string PidFile { get; }

    /// <summary>The daemon's runtime folder (status.sock on a host), owned by the service user.</summary>
    public string RunDirectory { get; }

    /// <summary>The daemon's stdout and stderr, in the service user's log folder.</summary>
    public string OutputFile { get; }

    /// <summary>What the watchdog and the init script log.</summary>
    public DatagramReceiver Syslog { get; }

    /// <summary>What the real silo logs; null for the stand-in.</summary>
    public DatagramReceiver? DaemonLog { get; }

    public int Pid => int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The real silo's status connections, few so that a test can take them all.</summary>
    private static int MaxConnections => 4;

    /// <summary>A path in the test folder.</summary>
    public string InFolder(string name) => folder.File(name);

    public ProcessResult Init(string action) =>
        ProcessRunner.Run(RepoPaths.Deploy("init.d/k2serverd"), [action], environment);

    public ProcessResult Watchdog(params (string Name, string Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>(this.environment);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return ProcessRunner.Run(RepoPaths.Deploy("watchdog.sh"), [], environment);
    }

    /// <summary>
    /// The cron entry's command as root's cron runs it, with /run and the installed watchdog moved
    /// into the test folder and the repository.
    /// </summary>
    public ProcessResult CronWatchdog()
    {
        var entry = File.ReadAllLines(RepoPaths.Deploy("cron/k2orleans-watchdog"))
            .Single(line => line.StartsWith("* * * * * root ", StringComparison.Ordinal));
        var command = entry["* * * * * root ".Length..]
            .Replace("/run/", folder.File("run") + "/", StringComparison.Ordinal)
            .Replace("/opt/k2orleans/watchdog.sh", RepoPaths.Deploy("watchdog.sh"), StringComparison.Ordinal);
        return ProcessRunner.Run("sh", ["-c", command], environment);
    }

    /// <summary>
    /// Takes every status connection, as any local user can, until a new one is answered busy:
    /// the real silo's few are held open idle; the stand-in is told to answer busy.
    /// </summary>
    public void MakeBusy()
    {
        if (IsStandIn)
        {
            Assert.Equal("{\"ok\":true}", Ask("BUSY"));
        }
        else
        {
            // Each held connection must hold a slot: one answered pong does. A connection that arrives while an earlier
            // health check still holds its slot is answered busy and closed, and is opened again.
            WaitFor.Condition($"{MaxConnections} status connections held open", () =>
            {
                if (heldConnections.Count < MaxConnections)
                {
                    HoldOneConnection();
                }

                return heldConnections.Count == MaxConnections;
            });
        }

        WaitFor.Condition("the daemon to answer busy", () => Ask("PING")?.Contains("\"error\":\"busy\"", StringComparison.Ordinal) == true);
    }

    private void HoldOneConnection()
    {
        var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\n"u8);
            var answer = new List<byte>();
            for (var next = stream.ReadByte(); next is >= 0 and not '\n'; next = stream.ReadByte())
            {
                answer.Add((byte)next);
            }

            if (Encoding.UTF8.GetString([.. answer]).Contains("\"pong\":true", StringComparison.Ordinal))
            {
                heldConnections.Add(client);
                return;
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            // Not held; the caller opens another.
        }

        client.Dispose();
    }

    /// <summary>The daemon's answer to one request line, or null when it does not answer within a second.</summary>
    public string? Ask(string request)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(IPAddress.Loopback, Port).Wait(TimeSpan.FromSeconds(1)))
            {
                return null;
            }

            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write(Encoding.ASCII.GetBytes(request + "\n"));
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadLine();
        }
        catch (Exception ex) when (ex is SocketException or IOException or AggregateException)
        {
            return null;
        }
    }

    public bool AnswersPing() => Ask("PING")?.Contains("\"pong\":true", StringComparison.Ordinal) == true;

    /// <summary>Answers PING and reports an active silo: a silo that has just started may answer before it knows.</summary>
    public bool IsHealthy() => Ask("PING") is { } pong
        && pong.Contains("\"pong\":true", StringComparison.Ordinal)
        && pong.Contains("\"running\":true", StringComparison.Ordinal);

    /// <summary>
    /// Makes the daemon stop answering: the stand-in hangs and ignores SIGTERM; a real daemon
    /// is stopped with SIGSTOP (the init script's SIGCONT after SIGTERM then ends it).
    /// </summary>
    public void Hang()
    {
        if (!IsStandIn)
        {
            Assert.Equal(0, ProcessRunner.Run("kill", ["-STOP", Pid.ToString(CultureInfo.InvariantCulture)]).ExitCode);
            return;
        }

        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        client.GetStream().Write("HANG\n"u8);
    }

    /// <summary>Like the init script: a zombie (dead, not yet reaped) is not alive.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (File.Exists(PidFile) && IsAlive(Pid))
        {
            var pid = Pid;
            Init("stop");
            if (IsAlive(pid))
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
        }

        foreach (var client in heldConnections)
        {
            client.Dispose();
        }

        Syslog.Dispose();
        DaemonLog?.Dispose();
        folder.Dispose();
    }

    private string StandIn()
    {
        var path = folder.File("standin-daemon.pl");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Deploy", "standin-daemon.pl"), path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }
}
