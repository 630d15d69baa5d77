using System.Diagnostics;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>Runs a helper that is not measured (the generator, git, <c>k2 submit</c>, <c>k2 watch</c>) and captures what it prints.</summary>
internal static class Command
{
    public static CommandResult Capture(string file, IEnumerable<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(file, args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return new CommandResult(exited ? process.ExitCode : -1, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult(), !exited);
    }

    /// <summary>The output of a command that must succeed, e.g. <c>getconf CLK_TCK</c>.</summary>
    public static string Output(string file, params string[] args)
    {
        var result = Capture(file, args, TimeSpan.FromMinutes(5));
        return result.Succeeded ? result.Output.TrimEnd('\n') : throw new BenchException($"{file} {string.Join(' ', args)} failed: {result.Error.Trim()}");
    }

    private static Process Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new BenchException($"cannot start {file}");
    }
}
