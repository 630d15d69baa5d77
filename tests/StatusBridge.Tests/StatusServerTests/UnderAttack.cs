using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using K2Orleans.StatusBridge.Tests.Support;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Tests.StatusServerTests;

/// <summary>Hostile and broken clients must never stop the bridge, leak connection slots or get a malformed answer.</summary>
public sealed class UnderAttack
{
    private const int Seed = 20261128;
    private const int MaxConnections = 64;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly string[] ErrorCodes = ["unknown_command", "line_too_long", "not_found"];

    private readonly FakeStatusSource source = new();
    private readonly Random random = new(Seed);

    [Fact]
    public async Task ShouldSurviveAThousandHostileInputsAndStillAnswer()
    {
        // All from 127.0.0.1, so the peer may take the whole budget here; UnderConnectionFlood tests peers apart.
        await using var bridge = await BridgeHost.StartAsync(source, ("IdleTimeout", IdleTimeout.ToString("c")),
            ("MaxConnections", MaxConnections.ToString()), ("MaxConnectionsPerPeer", MaxConnections.ToString()));
        var baseline = bridge.Server.ActiveConnections;

        var payloads = Enumerable.Range(0, 400).Select(_ => RandomBytes())
            .Concat(Enumerable.Range(0, 200).Select(_ => LongLine()))
            .Concat(Enumerable.Range(0, 200).Select(_ => MangledCommands()))
            .ToList();
        var abrupt = Enumerable.Range(0, 100).Select(_ => MangledCommands()).ToList();
        var halfLines = Enumerable.Range(0, 100).Select(_ => HalfLine()).ToList();
        Assert.Equal(1000, payloads.Count + abrupt.Count + halfLines.Count);

        var options = new ParallelOptions { MaxDegreeOfParallelism = 8 };
        await Parallel.ForEachAsync(payloads, options, async (payload, _) => await SendAndCheckAnswersAsync(bridge, payload));
        await Parallel.ForEachAsync(abrupt, options, async (payload, _) => await SendAndResetAsync(bridge, payload));
        foreach (var batch in halfLines.Chunk(MaxConnections - 14))
        {
            await Task.WhenAll(batch.Select(line => SendAndFallSilentAsync(bridge, line)));
        }

        await ShouldServeExactlyTheLimitAndRefuseTheRestAsync(bridge);

        await WaitFor.ConditionAsync($"active connections back to {baseline}", () => bridge.Server.ActiveConnections == baseline,
            Deadline);
        using var client = await bridge.ConnectAsync();
        Assert.True((await client.AskAsync("PING")).GetProperty("pong").GetBoolean());
        Assert.Empty(bridge.Logs.AtLeast(LogLevel.Warning));
    }

    private static async Task ShouldServeExactlyTheLimitAndRefuseTheRestAsync(BridgeHost bridge)
    {
        var clients = new List<LineClient>();
        try
        {
            for (var i = 0; i < 200; i++)
            {
                clients.Add(await bridge.ConnectAsync());
            }

            await Task.WhenAll(clients.Select(c => c.SendAsync("PING\n")));
            var answers = await Task.WhenAll(clients.Select(c => c.ReadJsonAsync()));

            Assert.Equal(MaxConnections, answers.Count(a => a.TryGetProperty("pong", out _)));
            Assert.Equal(200 - MaxConnections, answers.Count(a => a.TryGetProperty("error", out var e) && e.GetString() == "busy"));

            foreach (var (client, _) in clients.Zip(answers).Where(pair => pair.Second.TryGetProperty("error", out _)))
            {
                client.Dispose();
            }

            await WaitFor.ConditionAsync("only the served connections counted", () => bridge.Server.ActiveConnections == MaxConnections,
                Deadline);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task SendAndCheckAnswersAsync(BridgeHost bridge, byte[] payload)
    {
        using var client = await bridge.ConnectAsync();
        await client.SendAsync(payload);
        client.Socket.Shutdown(SocketShutdown.Send);

        var answers = new List<string>();
        while (await client.ReadLineAsync(Deadline) is { } line)
        {
            answers.Add(line);
        }

        var shown = Convert.ToHexString(payload.AsSpan(0, Math.Min(payload.Length, 64)));
        Assert.True(ExpectedAnswers(payload) == answers.Count,
            $"expected {ExpectedAnswers(payload)} answers, got {answers.Count} for payload {shown}...");
        foreach (var answer in answers)
        {
            using var json = JsonDocument.Parse(answer);
            var ok = json.RootElement.GetProperty("ok").GetBoolean();
            Assert.True(ok || ErrorCodes.Contains(json.RootElement.GetProperty("error").GetString()), answer);
        }
    }

    private static async Task SendAndResetAsync(BridgeHost bridge, byte[] payload)
    {
        using var client = await bridge.ConnectAsync();
        await client.SendAsync(payload);

        // Linger 0 turns the close into a reset: the client vanishes without a goodbye.
        client.Socket.LingerState = new LingerOption(true, 0);
        client.Socket.Close();
    }

    private static async Task SendAndFallSilentAsync(BridgeHost bridge, byte[] halfLine)
    {
        using var client = await bridge.ConnectAsync();
        await client.SendAsync(halfLine);

        Assert.True(await client.IsClosedByServerAsync(Deadline), "a silent client was not closed");
    }

    /// <summary>
    /// One answer per complete line; an over-long line (1024 bytes or more before its newline) gets one
    /// answer and ends the conversation, as does QUIT; an unfinished last line gets none.
    /// </summary>
    private static int ExpectedAnswers(byte[] payload)
    {
        var answers = 0;
        var start = 0;
        while (true)
        {
            var newline = Array.IndexOf(payload, (byte)'\n', start);
            var length = (newline < 0 ? payload.Length : newline) - start;
            if (length >= 1024)
            {
                return answers + 1;
            }

            if (newline < 0)
            {
                return answers;
            }

            answers++;
            if (Encoding.Latin1.GetString(payload, start, length).Trim(' ', '\t', '\r').Equals("QUIT", StringComparison.OrdinalIgnoreCase))
            {
                return answers;
            }

            start = newline + 1;
        }
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(1, 3000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] LongLine()
    {
        var text = new StringBuilder(10 * 1024 + 10);
        text.Append(random.Next(3) switch { 0 => "JOB ", 1 => "STATUS", _ => "" });
        while (text.Length < 10 * 1024)
        {
            text.Append((char)random.Next(0x20, 0x7F));
        }

        return Encoding.ASCII.GetBytes(text.Append('\n').ToString());
    }

    private byte[] HalfLine() => Encoding.ASCII.GetBytes(random.Next(3) switch
    {
        0 => "STAT",
        1 => "JOB classic-cup-2026",
        _ => new string('P', random.Next(1, 1000)),
    });

    private byte[] MangledCommands()
    {
        var lines = Enumerable.Range(0, random.Next(1, 6)).Select(_ => MangledCommand());
        return Encoding.UTF8.GetBytes(string.Join("\n", lines) + (random.Next(4) == 0 ? "" : "\n"));
    }

    private string MangledCommand() => random.Next(12) switch
    {
        0 => RandomCase("ping") + new string(' ', random.Next(3)) + "\r",
        1 => RandomCase("status") + " " + RandomCase("all"),
        2 => "JOB " + RandomPrintable(random.Next(0, 300)),
        3 => "JOB " + Some.Job().Id,
        4 => "PI\0NG",
        5 => "STATUS\r\r",
        6 => "\t" + RandomCase("job") + "\t\tx\t",
        7 => "STATUS ✓ Pokal",
        8 => "PING" + new string(' ', random.Next(1018, 1022)),
        9 => new string('x', random.Next(1020, 1030)),
        10 => "",
        _ => RandomPrintable(random.Next(1, 40)),
    };

    private string RandomCase(string word) =>
        string.Concat(word.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c));

    private string RandomPrintable(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x20, 0x7F)));
}
