using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace K2Orleans.Silo.Tests.Support;

/// <summary>
/// Runs deploy/init.d/k2serverd and deploy/watchdog.sh against a daemon in a test folder: its
/// pid file, output file, status port and syslog socket are the test's own. The daemon is the
/// Perl stand-in, or the real silo: k2orleans-silo from the build output, run as the current
/// user with its ports, state and syslog socket in the test folder (K2__ variables, which the
/// init script passes on). K2_TEST_DAEMON names another executable to use as the real daemon
/// (K2_TEST_DAEMON_ARGS its arguments, {port} replaced by the status port).
/// </summary>
public sealed class DaemonHarness : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _environment;

    public DaemonHarness(bool realDaemon)
    {
        Port = FreeTcpPort.Next();
        Syslog = new DatagramReceiver(_folder.File("log.sock"));
        PidFile = _folder.File("run/k2serverd.pid");
        IsStandIn = !realDaemon;
        var external = Environment.GetEnvironmentVariable("K2_TEST_DAEMON");
        var daemon = IsStandIn ? StandIn()
            : string.IsNullOrEmpty(external) ? Path.Combine(AppContext.BaseDirectory, "k2orleans-silo")
            : external;
        var arguments = IsStandIn ? "{port}" : Environment.GetEnvironmentVariable("K2_TEST_DAEMON_ARGS") ?? "";
        _environment = new()
        {
            ["K2_DEFAULTS_FILE"] = _folder.File("no-defaults"),
            ["K2_DAEMON"] = daemon,
            ["K2_DAEMON_ARGS"] = arguments.Replace("{port}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["K2_PIDFILE"] = PidFile,
            ["K2_USER"] = "",
            ["K2_WORKDIR"] = _folder.Path,
            ["K2_OUTPUT"] = _folder.File("log/k2serverd.out"),
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
            DaemonLog = new DatagramReceiver(_folder.File("silo-log.sock"));
            _environment["K2__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
            _environment["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture);
            _environment["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{Port}";
            _environment["K2__Dashboard__Enabled"] = "false";
            _environment["K2__Logging__Syslog"] = "true";
            _environment["K2__Logging__SyslogSocket"] = DaemonLog.Path;
        }
    }

    public int Port { get; }

    /// <summary>How long the daemon may take to answer PING after a start: the silo needs seconds, more on a busy host.</summary>
    public TimeSpan StartTimeout => IsStandIn ? Wait.DefaultTimeout : TimeSpan.FromMinutes(2);

    /// <summary>Whether the daemon is the Perl stand-in, which can hang on request and then ignores SIGTERM.</summary>
    public bool IsStandIn { get; }

    public string PidFile { get; }

    /// <summary>What the watchdog and the init script log.</summary>
    public DatagramReceiver Syslog { get; }

    /// <summary>What the real silo logs; null for the stand-in.</summary>
    public DatagramReceiver? DaemonLog { get; }

    public int Pid => int.Parse(File.ReadAllText(PidFile).Trim(), CultureInfo.InvariantCulture);

    public ProcessResult Init(string action) =>
        ProcessRunner.Run(RepoPaths.Deploy("init.d/k2serverd"), [action], _environment);

    public ProcessResult Watchdog(params (string Name, string Value)[] overrides)
    {
        var environment = new Dictionary<string, string?>(_environment);
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return ProcessRunner.Run(RepoPaths.Deploy("watchdog.sh"), [], environment);
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

        Syslog.Dispose();
        DaemonLog?.Dispose();
        _folder.Dispose();
    }

    private string StandIn()
    {
        var path = _folder.File("standin-daemon.pl");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Deploy", "standin-daemon.pl"), path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
