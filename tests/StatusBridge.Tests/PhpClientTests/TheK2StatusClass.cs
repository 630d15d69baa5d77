using K2Orleans.TestSupport;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.PhpClientTests;

/// <summary>clients/php/K2Status.php run by the real php-cli against a real bridge.</summary>
public sealed class TheK2StatusClass
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FakeStatusSource source = new();

    /// <summary>Runs k2-ask.php; returns its JSON result: answer or exception, and the seconds the call took.</summary>
    private static async Task<JsonElement> AskAsync(string where, int port, string command, string? jobId = null, double timeout = 2)
    {
        var driver = Php.AskScript;
        var result = await Php.RunAsync([driver, Path.Combine(Php.ClientFolder, "K2Status.php"), where, port.ToString(),
            timeout.ToString(System.Globalization.CultureInfo.InvariantCulture), command, .. jobId is null ? [] : new[] { jobId }]);
        Assert.True(result.ExitCode == 0, $"php failed ({result.ExitCode}): {result.Errors}{result.Output}");
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.Clone();
    }

    private static Task<JsonElement> AskAsync(BridgeHost bridge, string command, string? jobId = null) =>
        AskAsync(bridge.Tcp.Address.ToString(), bridge.Tcp.Port, command, jobId);

    private static JsonElement Answer(JsonElement result) =>
        result.TryGetProperty("answer", out var answer) ? answer : throw new InvalidOperationException($"no answer: {result}");

    [Fact]
    public async Task ShouldReadPingStatusAndJobAsTheCountsMove()
    {
        // Every refresh settles 7 more combinations, so successive pages show progress.
        source.Cluster = call => Some.Cluster(Some.Job(total: 900, done: Math.Min(7L * call, 899), failed: 1));
        await using var bridge = await BridgeHost.StartAsync(source);

        var first = await WaitFor.ValueAsync("php sees running:true",
            () => AskAsync(bridge, "status"), r => Answer(r).GetProperty("running").GetBoolean(), Deadline);
        var ping = Answer(await AskAsync(bridge, "ping"));
        var job = Answer(await AskAsync(bridge, "job", Some.Job().Id)).GetProperty("job");

        Assert.True(ping.GetProperty("pong").GetBoolean());
        var status = Answer(first);
        Assert.True(status.GetProperty("ok").GetBoolean());
        Assert.Equal("active", status.GetProperty("silos")[0].GetProperty("status").GetString());
        var listed = status.GetProperty("jobs")[0];
        Assert.Equal("classic-cup-20261128T211000Z", listed.GetProperty("id").GetString());
        Assert.Equal("classic-cup", listed.GetProperty("trophy").GetString());
        Assert.Equal("running", listed.GetProperty("status").GetString());
        Assert.Equal("2026-11-28T21:10:00Z", listed.GetProperty("started_at").GetString());
        Assert.Equal(900, listed.GetProperty("total").GetInt64());
        Assert.Equal(900, listed.GetProperty("done").GetInt64() + listed.GetProperty("skipped").GetInt64()
            + listed.GetProperty("failed").GetInt64() + listed.GetProperty("remaining").GetInt64());
        Assert.Equal(14.9, listed.GetProperty("rate_per_s").GetDouble());
        Assert.Equal("layer 0 unreadable", job.GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal(2, job.GetProperty("batches").GetProperty("in_flight").GetInt32());

        var firstDone = listed.GetProperty("done").GetInt64();
        await WaitFor.ValueAsync("php sees progress",
            () => AskAsync(bridge, "status"), r => Answer(r).GetProperty("jobs")[0].GetProperty("done").GetInt64() > firstDone, Deadline);
    }

    [Fact]
    public async Task ShouldGetNotFoundForAnUnknownJob()
    {
        await using var bridge = await BridgeHost.StartAsync(source);

        var answer = Answer(await AskAsync(bridge, "job", "no-such-job"));

        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Equal("not_found", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShouldHearTheLastKnownStatusMarkedDegradedInTimeWhenTheClusterHangs()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        await WaitFor.ValueAsync("php sees running:true",
            () => AskAsync(bridge, "status"), r => Answer(r).GetProperty("running").GetBoolean(), Deadline);

        source.Mode = FakeStatusSource.Behaviour.Hang;
        var degraded = await WaitFor.ValueAsync("php sees degraded",
            () => AskAsync(bridge, "status"), r => Answer(r).TryGetProperty("degraded", out _), Deadline);
        var job = await AskAsync(bridge, "job", Some.Job().Id);

        Assert.True(degraded.GetProperty("seconds").GetDouble() < 2, $"status() took {degraded.GetProperty("seconds")} s");
        Assert.True(Answer(degraded).GetProperty("running").GetBoolean());
        Assert.Equal(1, Answer(degraded).GetProperty("silos").GetArrayLength());
        Assert.Equal(1, Answer(degraded).GetProperty("jobs").GetArrayLength());
        Assert.True(job.GetProperty("seconds").GetDouble() < 2, $"job() took {job.GetProperty("seconds")} s");
        Assert.Equal("unavailable", Answer(job).GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShouldTalkOverAUnixSocket()
    {
        var folder = Directory.CreateTempSubdirectory("k2b-").FullName;
        try
        {
            var path = Path.Combine(folder, "status.sock");
            await using var bridge = await BridgeHost.StartAsync(source, ("TcpEndpoint", ""), ("UnixSocketPath", path));

            var ping = Answer(await AskAsync(path, 0, "ping"));

            Assert.True(ping.GetProperty("pong").GetBoolean());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ShouldThrowWhenTheDaemonIsNotReachable()
    {
        var port = ClosedPort.Find();

        var result = await AskAsync("127.0.0.1", port, "status");

        Assert.Equal("K2StatusException", result.GetProperty("exception").GetString());
        Assert.Contains($"not reachable at tcp://127.0.0.1:{port}", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldThrowWhenTheDaemonAnswersGarbage()
    {
        using var impostor = new TcpListener(IPAddress.Loopback, 0);
        impostor.Start();
        var serving = ServeOnceAsync(impostor, "HTTP/1.1 400 Bad Request\r\n\r\n");

        var result = await AskAsync("127.0.0.1", ((IPEndPoint)impostor.LocalEndpoint).Port, "status");
        await serving;

        Assert.Equal("K2StatusException", result.GetProperty("exception").GetString());
        Assert.Contains("answered garbage: 'HTTP/1.1 400 Bad Request", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldThrowWhenTheDaemonNeverAnswers()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();

        var result = await AskAsync("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port, "ping", timeout: 0.5);

        Assert.Contains("did not answer 'PING' within 0.5 s", result.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange(result.GetProperty("seconds").GetDouble(), 0.45, 1.5);
    }

    private static async Task ServeOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptSocketAsync();
        var request = new byte[1024];
        await client.ReceiveAsync(request, SocketFlags.None);
        await client.SendAsync(Encoding.ASCII.GetBytes(answer), SocketFlags.None);
        client.Shutdown(SocketShutdown.Both);
    }
}
