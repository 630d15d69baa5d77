using System.Diagnostics;
using System.Text.Json;
using K2Orleans.StatusBridge.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.StatusBridge.Tests.StatusServerTests;

public sealed class OverTcp
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly FakeStatusSource source = new();

    private static Task<JsonElement> WaitForRunningAsync(LineClient client, bool running) =>
        WaitFor.ValueAsync($"STATUS running:{running}", () => client.AskAsync("STATUS"),
            s => s.GetProperty("running").GetBoolean() == running, Deadline);

    [Fact]
    public async Task ShouldAnswerPing()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        await WaitForRunningAsync(client, true);
        var answer = await client.AskAsync("ping");

        Assert.Equal("""{"ok":true,"pong":true,"running":true}""", answer.GetRawText());
    }

    [Fact]
    public async Task ShouldAnswerStatusFromTheSource()
    {
        source.Cluster = _ => Some.Cluster(Some.Job(done: 123));
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var status = await WaitForRunningAsync(client, true);

        Assert.Equal("10.0.0.5:11111", status.GetProperty("silos")[0].GetProperty("address").GetString());
        var job = status.GetProperty("jobs")[0];
        Assert.Equal(123, job.GetProperty("done").GetInt64());
        Assert.Equal(900 - 123 - 1, job.GetProperty("remaining").GetInt64());
        Assert.True(status.GetProperty("uptime_s").GetDouble() >= 0);
    }

    [Fact]
    public async Task ShouldAnswerJobAndNotFound()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var found = await client.AskAsync("JOB " + Some.Job().Id);
        var missing = await client.AskAsync("job other-job");

        Assert.Equal(Some.Job().Id, found.GetProperty("job").GetProperty("id").GetString());
        Assert.Equal(1, found.GetProperty("job").GetProperty("errors").GetArrayLength());
        Assert.Equal(9, found.GetProperty("job").GetProperty("batches").GetProperty("total").GetInt32());
        Assert.False(missing.GetProperty("ok").GetBoolean());
        Assert.Equal("not_found", missing.GetProperty("error").GetString());
        Assert.Contains("other-job", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldAnswerUnknownCommandsAndStayOpen()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var unknown = await client.AskAsync("DELETE everything");
        var pong = await client.AskAsync("PING");

        Assert.Equal("unknown_command", unknown.GetProperty("error").GetString());
        Assert.True(pong.GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task ShouldSayByeAndCloseOnQuit()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var bye = await client.AskAsync("QUIT");

        Assert.Equal("""{"ok":true,"bye":true}""", bye.GetRawText());
        Assert.True(await client.IsClosedByServerAsync(Deadline));
    }

    [Fact]
    public async Task ShouldAnswerPipelinedRequestsInOrder()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        await client.SendAsync("PING\r\nJOB nope\nSTATUS\nQUIT\n");

        Assert.True((await client.ReadJsonAsync()).GetProperty("pong").GetBoolean());
        Assert.Equal("not_found", (await client.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.True((await client.ReadJsonAsync()).TryGetProperty("jobs", out _));
        Assert.True((await client.ReadJsonAsync()).GetProperty("bye").GetBoolean());
    }

    [Fact]
    public async Task ShouldAnswerAnOverlongLineAndClose()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        await client.SendAsync(new string('A', 1024) + "\n");

        Assert.Equal("line_too_long", (await client.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.True(await client.IsClosedByServerAsync(Deadline));
    }

    [Fact]
    public async Task ShouldAcceptALineOfExactly1024Bytes()
    {
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var answer = await client.AskAsync("PING" + new string(' ', 1018) + "\r");

        Assert.True(answer.GetProperty("pong").GetBoolean());
    }

    [Fact]
    public async Task ShouldAnswerStatusInTimeWhenTheSourceHangsForever()
    {
        await using var bridge = await BridgeHost.StartAsync(source, ("RefreshInterval", "00:00:01"));
        using var client = await bridge.ConnectAsync();
        await WaitForRunningAsync(client, true);

        source.Mode = FakeStatusSource.Behaviour.Hang;
        var degraded = await WaitFor.ValueAsync("degraded", async () =>
        {
            var watch = Stopwatch.StartNew();
            var status = await client.AskAsync("STATUS");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"STATUS took {watch.Elapsed}");
            return status;
        }, s => s.TryGetProperty("degraded", out _), Deadline);

        // The last known answer, said to be such (contracts.md §3), until ClusterSnapshotCache.LastKnownFor has passed.
        Assert.True(degraded.GetProperty("ok").GetBoolean());
        Assert.True(degraded.GetProperty("running").GetBoolean());
        Assert.Contains("did not answer within", degraded.GetProperty("degraded").GetString());
        Assert.Equal(1, degraded.GetProperty("silos").GetArrayLength());
        Assert.True((await client.AskAsync("PING")).GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task ShouldAnswerAtOnceWhenTheSourceHangsFromTheStart()
    {
        source.Mode = FakeStatusSource.Behaviour.Hang;
        await using var bridge = await BridgeHost.StartAsync(source, ("RefreshInterval", "00:00:01"));
        using var client = await bridge.ConnectAsync();

        var watch = Stopwatch.StartNew();
        var status = await client.AskAsync("STATUS");
        var statusTime = watch.Elapsed;
        watch.Restart();
        var job = await client.AskAsync("JOB " + Some.Job().Id);
        var jobTime = watch.Elapsed;

        Assert.True(statusTime < TimeSpan.FromSeconds(2), $"STATUS took {statusTime}");
        Assert.True(jobTime < TimeSpan.FromSeconds(2), $"JOB took {jobTime}");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal(0, status.GetProperty("silos").GetArrayLength());
        Assert.Equal("unavailable", job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShouldReportAFailingSourceAsNotRunning()
    {
        source.Mode = FakeStatusSource.Behaviour.Throw;
        await using var bridge = await BridgeHost.StartAsync(source);
        using var client = await bridge.ConnectAsync();

        var status = await client.AskAsync("STATUS");
        var job = await client.AskAsync("JOB x-20261128T211000Z");

        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal("unavailable", job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShouldCloseAConnectionThatStaysSilent()
    {
        await using var bridge = await BridgeHost.StartAsync(source, ("IdleTimeout", "00:00:00.200"));
        using var silent = await bridge.ConnectAsync();
        using var halfLine = await bridge.ConnectAsync();

        await halfLine.SendAsync("STAT");

        Assert.True(await silent.IsClosedByServerAsync(Deadline));
        Assert.True(await halfLine.IsClosedByServerAsync(Deadline));
        await WaitFor.ConditionAsync("no active connection", () => bridge.Server.ActiveConnections == 0, Deadline);
    }

    [Fact]
    public async Task ShouldAnswerASlowJobLookupEvenWithAShorterIdleTimeout()
    {
        source.Mode = FakeStatusSource.Behaviour.Hang;
        await using var bridge = await BridgeHost.StartAsync(source, ("IdleTimeout", "00:00:00.200"), ("RequestTimeout", "00:00:01"));
        using var client = await bridge.ConnectAsync();

        var job = await client.AskAsync("JOB " + Some.Job().Id);

        Assert.Equal("unavailable", job.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ShouldEndAConnectionAfterItsRequestLimit()
    {
        await using var bridge = await BridgeHost.StartAsync(source, ("MaxRequestsPerConnection", "3"));
        using var client = await bridge.ConnectAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await client.AskAsync("PING")).GetProperty("pong").GetBoolean());
        }

        Assert.Equal("too_many_requests", (await client.AskAsync("PING")).GetProperty("error").GetString());
        Assert.True(await client.IsClosedByServerAsync(Deadline));
    }

    [Fact]
    public async Task ShouldRefuseConnectionsBeyondTheLimitAsBusy()
    {
        await using var bridge = await BridgeHost.StartAsync(source, ("MaxConnections", "2"));
        using var first = await bridge.ConnectAsync();
        using var second = await bridge.ConnectAsync();
        Assert.True((await first.AskAsync("PING")).GetProperty("pong").GetBoolean());
        Assert.True((await second.AskAsync("PING")).GetProperty("pong").GetBoolean());

        using (var third = await bridge.ConnectAsync())
        {
            var busy = await third.ReadJsonAsync();
            Assert.Equal("busy", busy.GetProperty("error").GetString());
            Assert.True(await third.IsClosedByServerAsync(Deadline));
        }

        first.Dispose();
        await WaitFor.ConditionAsync("the first connection released", () => bridge.Server.ActiveConnections == 1, Deadline);
        using var fourth = await bridge.ConnectAsync();
        Assert.True((await fourth.AskAsync("PING")).GetProperty("pong").GetBoolean());
    }
}
