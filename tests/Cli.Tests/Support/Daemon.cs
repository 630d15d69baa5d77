using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using K2Orleans.StatusBridge.Client;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests.Support;

/// <summary>
/// A real <c>k2orleans-silo</c> process in its own folder (SQLite state under data/), on free loopback ports passed
/// as K2__ environment variables, which the k2 commands of a test use too.
/// </summary>
public sealed class Daemon : IDisposable
{
    private K2Process? process;

    public Daemon(string folder, bool dashboard = false, int renderLimit = 2)
    {
        Folder = folder;
        Environment = new Dictionary<string, string>
        {
            ["K2__Cluster__SiloPort"] = FreeTcpPort.Next().ToString(),
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(),
            ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{StatusPort = FreeTcpPort.Next()}",
            ["K2__Dashboard__Enabled"] = dashboard ? "true" : "false",
            ["K2__Dashboard__Port"] = (DashboardPort = FreeTcpPort.Next()).ToString(),
            ["K2__Rendering__MaxConcurrentRenders"] = renderLimit.ToString(),
            ["K2__Jobs__LivenessInterval"] = "00:00:01",
        };
    }

    public string Folder { get; }

    public Dictionary<string, string> Environment { get; }

    public int StatusPort { get; }

    public int DashboardPort { get; }

    public Process Process => process?.Process ?? throw new InvalidOperationException("not started");

    public string Output => process is null ? "" : process.StandardOutput + process.StandardError;

    /// <summary>Starts the silo and waits until its status socket says the cluster runs.</summary>
    public async Task StartAsync()
    {
        process?.Dispose();
        process = K2Process.StartDll("k2orleans-silo.dll", Folder, Environment);
        await WaitFor.ConditionAsync("the silo to answer PING", () => Ask("PING") is { } pong && pong.RootElement.GetProperty("running").GetBoolean(), TimeSpan.FromMinutes(2));
    }

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
            var line = StatusSocketClient.AskAsync(new IPEndPoint(IPAddress.Loopback, StatusPort), request, TimeSpan.FromSeconds(3), CancellationToken.None).GetAwaiter().GetResult();
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
