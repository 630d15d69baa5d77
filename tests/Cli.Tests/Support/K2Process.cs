using System.Diagnostics;
using System.Text;

namespace K2Orleans.Cli.Tests.Support;

/// <summary>Runs the real <c>k2</c> program as its own OS process, the way a user or a script does.</summary>
public sealed class K2Process : IDisposable
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

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "K2Orleans.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("K2Orleans.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static K2Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(K2Dll);
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

    public static async Task<K2Process> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var process = Start(workingDirectory, args);
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
}
