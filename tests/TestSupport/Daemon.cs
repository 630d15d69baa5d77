using Xunit;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using K2Orleans.StatusBridge.Client;

namespace K2Orleans.TestSupport;

/// <summary>
/// A real <c>k2orleans-silo</c> process in its own folder, on free loopback ports passed as K2__ environment
/// variables, which the k2 commands of a test use too. With no <c>settings</c> it runs the embedded default
/// (SQLite state under data/); settings such as <c>K2__Cluster__Mode=MySql</c> are added to the environment.
/// </summary>
public sealed class Daemon : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private K2Process? process;

    /// <param name="allowTestRoots">Allow the folders tests use (<see cref="TestRoots"/>); off for tests of the allow-lists.</param>
    /// <param name="host">
    /// Run on this host of a test network (inside its namespace), its status socket on the host's address; null: on
    /// this machine, status socket on loopback.
    /// </param>
    public Daemon(
        string folder, bool dashboard = false, int renderLimit = 2, IReadOnlyDictionary<string, string>? settings = null, bool allowTestRoots = true,
        NetworkHost? host = null)
    {
        Folder = folder;
        Host = host;
        StatusAddress = host is null ? IPAddress.Loopback : IPAddress.Parse(host.Address);
        Environment = new Dictionary<string, string>
        {
            ["K2__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(),
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(),
            ["K2__StatusBridge__TcpEndpoint"] = $"{StatusAddress}:{StatusPort = FreeTcpPort.Next()}",
            ["K2__Dashboard__Enabled"] = dashboard ? "true" : "false",
            ["K2__Dashboard__Port"] = (DashboardPort = FreeTcpPort.Next()).ToString(),
            ["K2__Images__Endpoint"] = $"127.0.0.1:{ImagesPort = FreeTcpPort.Next()}",
            ["K2__Metrics__Endpoint"] = $"127.0.0.1:{MetricsPort = FreeTcpPort.Next()}",
            ["K2__Rendering__MaxConcurrentRenders"] = renderLimit.ToString(),
            ["K2__Jobs__LivenessInterval"] = "00:00:01",
        };
        foreach (var (key, value) in allowTestRoots ? TestRoots.Environment() : [])
        {
            Environment[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            Environment[key] = value;
        }
    }

    public string Folder { get; }

    /// <summary>The test-network host this silo runs on; null on this machine.</summary>
    public NetworkHost? Host { get; }

    /// <summary>The address of the status socket: the host's own, or loopback.</summary>
    public IPAddress StatusAddress { get; }

    public Dictionary<string, string> Environment { get; }

    /// <summary>The silo's resident memory now, from /proc.</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
    }

    public int StatusPort { get; }

    public int DashboardPort { get; }

    /// <summary>The image endpoint's port (Images:Endpoint on loopback).</summary>
    public int ImagesPort { get; }

    /// <summary>The Prometheus endpoint's port (Metrics:Endpoint on loopback): each silo its own, never the default 9464.</summary>
    public int MetricsPort { get; }

    /// <summary>The port other silos and the membership table know this silo by.</summary>
    public int SiloPort => int.Parse(Environment["K2__Cluster__SiloPort"]);

    public Process Process => process?.Process ?? throw new InvalidOperationException("not started");

    public bool IsRunning => process is { Process.HasExited: false };

    public string Output => process is null ? "" : process.StandardOutput + process.StandardError;

    /// <summary>Starts the silo and waits until its status socket says the cluster runs.</summary>
    public async Task StartAsync()
    {
        Start();
        await WaitUntilRunningAsync();
    }

    /// <summary>Starts the process without waiting, e.g. to start several silos at once.</summary>
    public void Start()
    {
        process?.Dispose();
        process = K2Process.StartDllOn(Host, "k2orleans-silo.dll", Folder, Environment);
    }

    public Task WaitUntilRunningAsync() => WaitFor.ConditionAsync(
        $"the silo in {Folder} to answer PING",
        () => !IsRunning ? throw new InvalidOperationException($"the silo exited with {Process.ExitCode}: {Output}")
            : Ask("PING") is { } pong && pong.RootElement.GetProperty("running").GetBoolean(),
        StartTimeout);

    /// <summary>SIGKILL, as a crash or the OOM killer would.</summary>
    public void Kill()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>Sends SIGTERM, as systemd and the init script do, and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(deadline.Token);
        return Process.ExitCode;
    }

    /// <summary>One status-socket request; null when the socket does not answer.</summary>
    public JsonDocument? Ask(string request)
    {
        try
        {
            var line = StatusSocketClient.AskAsync(new IPEndPoint(StatusAddress, StatusPort), request, TimeSpan.FromSeconds(3), CancellationToken.None).GetAwaiter().GetResult();
            return JsonDocument.Parse(line);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Runs <c>k2 submit SPEC --out OUTPUT</c> against this daemon and returns the job id it printed.</summary>
    public async Task<string> SubmitAsync(string spec, string output)
    {
        var submit = await K2Process.RunAsync(Folder, Environment, TimeSpan.FromMinutes(1), "submit", spec, "--out", output);
        Assert.True(submit.Process.ExitCode == 0, submit.StandardError);
        return submit.StandardOutput.Split('\n')[0].Trim();
    }

    /// <summary>Waits until the job has finished (completed, failed or cancelled) and returns its status line.</summary>
    public async Task<JsonElement> WaitForFinishAsync(string jobId, TimeSpan timeout)
    {
        await WaitFor.ConditionAsync($"job {jobId} to finish", () => Job(jobId).GetProperty("status").GetString() is "completed" or "failed" or "cancelled", timeout);
        return Job(jobId);
    }

    public JsonElement Job(string jobId) => Ask($"JOB {jobId}")?.RootElement.GetProperty("job") ?? throw new IOException("status socket did not answer");

    public void Dispose() => process?.Dispose();
}
