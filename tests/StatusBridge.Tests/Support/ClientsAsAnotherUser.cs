using System.Diagnostics;
using K2Orleans.TestSupport;

namespace K2Orleans.StatusBridge.Tests.Support;

/// <summary>
/// A php-cli child running as another uid (through setpriv; the tests run as root) that opens Unix socket connections,
/// sends PING on each, reports each answer, and keeps the connections open until disposed.
/// </summary>
internal sealed class ClientsAsAnotherUser : IAsyncDisposable
{
    public const int Uid = 65534;

    // Sequential, so the order of answers is the order of connections; a refused connection stays open on our side too.
    private const string Script = """
        [, $path, $count] = $argv;
        $held = [];
        for ($i = 0; $i < (int) $count; $i++) {
            $stream = stream_socket_client("unix://$path", $errno, $errstr, 5);
            if ($stream === false) {
                echo json_encode(['connect_error' => $errstr]), "\n";
                continue;
            }
            stream_set_timeout($stream, 5);
            fwrite($stream, "PING\n");
            $answer = fgets($stream);
            echo $answer === false ? json_encode(['no_answer' => true]) . "\n" : $answer;
            $held[] = $stream;
        }
        echo "HOLDING\n";
        fgets(STDIN);
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Process process;

    private ClientsAsAnotherUser(Process process, IReadOnlyList<string> answers)
    {
        this.process = process;
        Answers = answers;
    }

    /// <summary>One JSON line per connection, in the order they were opened.</summary>
    public IReadOnlyList<string> Answers { get; }

    /// <summary>Returns once every connection has its answer; the served ones stay open.</summary>
    public static async Task<ClientsAsAnotherUser> ConnectAsync(string socketPath, int count)
    {
        Assert.True(Environment.IsPrivilegedProcess,
            $"this test runs a client as uid {Uid} through setpriv, which needs root");
        var setpriv = ProcessRunner.Find("setpriv") ?? throw new InvalidOperationException("setpriv (util-linux) is not on PATH");
        var info = new ProcessStartInfo(setpriv)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { $"--reuid={Uid}", $"--regid={Uid}", "--clear-groups", Php.Program, "-r", Script, "--", socketPath, count.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start setpriv");
        var answers = new List<string>();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line && line != "HOLDING")
            {
                answers.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"the client as uid {Uid} did not finish connecting within {Deadline.TotalSeconds} s; answers: {string.Join(" | ", answers)}");
        }

        if (answers.Count != count)
        {
            // It ended early, so its error output is complete and reading it to the end cannot wait forever.
            Assert.Fail($"the client as uid {Uid} ended early: {string.Join(" | ", answers)} {await process.StandardError.ReadToEndAsync()}");
        }

        return new ClientsAsAnotherUser(process, answers);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its stdin ends the script, and with it its connections.
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
