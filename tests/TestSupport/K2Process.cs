using Xunit;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace K2Orleans.TestSupport;

/// <summary>Runs the real <c>k2</c> program as its own OS process, the way a user or a script does.</summary>
public sealed partial class K2Process : IDisposable
{
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private K2Process(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public string StandardOutput
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>The k2.dll built next to the tests (the test project references the CLI project).</summary>
    public static string K2Dll => Path.Combine(AppContext.BaseDirectory, "k2.dll");

    public static K2Process Start(string workingDirectory, params string[] args) => StartDll(K2Dll, workingDirectory, null, args);

    /// <summary>Starts one of the project's programs (k2.dll, k2orleans-silo.dll, k2orleans-bridge.dll) with extra environment.</summary>
    public static K2Process StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartDllOn(null, dll, workingDirectory, environment, args);

    /// <summary><see cref="StartDll"/> on a host of a test network (inside its namespace), or on this machine when null.</summary>
    public static K2Process StartDllOn(NetworkHost? host, string dll, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo(host is null ? "dotnet" : NetworkHost.Ip)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var launcher in host?.Exec("dotnet") ?? [])
        {
            info.ArgumentList.Add(launcher);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var result = new K2Process(process);
        process.OutputDataReceived += (_, e) => Append(result.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(result.stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public static Task<K2Process> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(workingDirectory, null, timeout, args);

    public static async Task<K2Process> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        var process = StartDll("k2.dll", workingDirectory, environment, args);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.Process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"k2 {string.Join(' ', args)} did not finish in {timeout}: {process.StandardOutput} {process.StandardError}");
        }

        process.Process.WaitForExit();
        return process;
    }

    /// <summary>The counts of the summary line <c>rendered R, skipped S, failed F of N in T s (X img/s)</c>.</summary>
    public (int Rendered, int Skipped, int Failed) Summary() => SummaryOf(StandardOutput, StandardError);

    /// <summary><see cref="Summary()"/> of a command's output captured some other way (a command run in process).</summary>
    public static (int Rendered, int Skipped, int Failed) SummaryOf(string standardOutput, string standardError)
    {
        var match = SummaryLine().Match(standardOutput);
        Assert.True(match.Success, "no summary line in: " + standardOutput + standardError);
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    [GeneratedRegex(@"^rendered (\d+), skipped (\d+), failed (\d+) of \d+ in [\d.]+ s \([\d.]+ img/s\)$", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
