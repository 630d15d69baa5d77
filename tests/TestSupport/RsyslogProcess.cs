using System.Diagnostics;
using System.Text;

namespace K2Orleans.TestSupport;

/// <summary>
/// A private rsyslogd in the foreground: its own imuxsock socket, pid file and omfile output in
/// a test folder, so the machine's own syslog is neither needed nor touched.
/// </summary>
public sealed class RsyslogProcess : IDisposable
{
    // One line per record with the fields rsyslog parsed out of the datagram.
    private const string LineTemplate =
        "%syslogfacility-text%|%syslogseverity-text%|%hostname%|%programname%|%procid%|%msgid%|%msg%\\n";

    private readonly Process process;
    private readonly StringBuilder output = new();

    private RsyslogProcess(TempDirectory folder, bool plainParser)
    {
        SocketPath = folder.File("rsyslog.sock");
        OutputPath = folder.File("messages.log");
        var configPath = folder.File("rsyslog.conf");

        // imuxsock's special parser reads what syslog(3) sends (RFC 3164 without a host name);
        // with it off, rsyslog's parser chain also understands RFC 5424.
        var parser = plainParser ? " UseSpecialParser=\"off\"" : "";
        File.WriteAllText(configPath, $"""
            global(workDirectory="{folder.Path}")
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{SocketPath}"{parser})
            template(name="fields" type="string" string="{LineTemplate}")
            *.* action(type="omfile" file="{OutputPath}" template="fields")
            """);

        var info = new ProcessStartInfo(Executable, ["-n", "-f", configPath, "-i", folder.File("rsyslogd.pid")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException("rsyslogd did not start.");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        WaitFor.Condition("rsyslogd to create its socket", () => File.Exists(SocketPath) || process.HasExited);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"rsyslogd exited with {process.ExitCode}: {Output}");
        }
    }

    public string SocketPath { get; }

    public string OutputPath { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static string Executable =>
        ProcessRunner.Find("rsyslogd")
        ?? throw new InvalidOperationException(
            "rsyslogd is not installed, so the real-syslog test cannot run. Install it with 'apt-get install rsyslog' (.ci/run does).");

    public static RsyslogProcess Start(TempDirectory folder, bool plainParser = false) => new(folder, plainParser);

    /// <summary>The first line rsyslog wrote that contains <paramref name="text"/>.</summary>
    public string WaitForLine(string text)
    {
        string? line = null;
        WaitFor.Condition(
            $"rsyslog to write a line containing '{text}'",
            () =>
            {
                line = File.Exists(OutputPath)
                    ? File.ReadLines(OutputPath).FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal))
                    : null;
                return line is not null || process.HasExited;
            });
        return line ?? throw new InvalidOperationException($"rsyslogd exited with {process.ExitCode}: {Output}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
