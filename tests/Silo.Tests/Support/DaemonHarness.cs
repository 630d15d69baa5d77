using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace K2Orleans.Silo.Tests.Support;

/// <summary>
/// Runs deploy/init.d/k2serverd and deploy/watchdog.sh against a daemon in a test folder: its
/// pid file, output file, status port and syslog socket are the test's own. The daemon is the
/// Perl stand-in unless K2_TEST_DAEMON names another executable (K2_TEST_DAEMON_ARGS its
/// arguments, {port} replaced by the status port).
/// </summary>
public sealed class DaemonHarness : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Dictionary<string, string?> _environment;

    public DaemonHarness()
    {
        Port = FreePort();
        Syslog = new DatagramReceiver(_folder.File("log.sock"));
        PidFile = _folder.File("run/k2serverd.pid");
        var realDaemon = Environment.GetEnvironmentVariable("K2_TEST_DAEMON");
        IsStandIn = string.IsNullOrEmpty(realDaemon);
        var daemon = IsStandIn ? StandIn() : realDaemon!;
        var arguments = Environment.GetEnvironmentVariable("K2_TEST_DAEMON_ARGS") ?? "{port}";
        _environment = new()
        {
            ["K2_DEFAULTS_FILE"] = _folder.File("no-defaults"),
            ["K2_DAEMON"] = daemon,
            ["K2_DAEMON_ARGS"] = arguments.Replace("{port}", Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["K2_PIDFILE"] = PidFile,
            ["K2_USER"] = "",
            ["K2_WORKDIR"] = _folder.Path,
            ["K2_OUTPUT"] = _folder.File("log/k2serverd.out"),
            ["K2_STOP_TIMEOUT"] = "2",
            ["K2_LOG_SOCKET"] = Syslog.Path,
            ["K2_INIT_SCRIPT"] = RepoPaths.Deploy("init.d/k2serverd"),
            ["K2_SERVICE_MANAGER"] = "init",
            ["K2_WATCHDOG_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["K2_WATCHDOG_TIMEOUT"] = "2",
            ["K2_WATCHDOG_GRACE"] = "0",
        };
    }

    public int Port { get; }

    /// <summary>Whether the daemon is the Perl stand-in, which can hang on request and then ignores SIGTERM.</summary>
    public bool IsStandIn { get; }

    public string PidFile { get; }

    public DatagramReceiver Syslog { get; }

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
        _folder.Dispose();
    }

    private string StandIn()
    {
        var path = _folder.File("standin-daemon.pl");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Deploy", "standin-daemon.pl"), path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
