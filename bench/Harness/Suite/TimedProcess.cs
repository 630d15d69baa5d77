using System.Diagnostics;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// A measured program under <c>/usr/bin/time -v -o TIME_FILE</c>, its standard streams redirected to files by a shell
/// that then becomes <c>time</c> (exec), so <see cref="Pid"/> is <c>time</c>'s and the program is its only child.
/// </summary>
internal sealed class TimedProcess : IDisposable
{
    // $1 stdout file, $2 stderr file ("" = with stdout), $3 stdin file; the rest is the command.
    private const string Redirect = """o=$1 e=$2 i=$3; shift 3; if [ -z "$e" ]; then exec "$@" <"$i" >"$o" 2>&1; else exec "$@" <"$i" >"$o" 2>"$e"; fi""";

    private readonly Process process;

    private TimedProcess(Process process) => this.process = process;

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static TimedProcess Start(TimedCommand command)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = command.WorkingDirectory ?? "" };
        foreach (var arg in (string[])["-c", Redirect, "sh", command.OutputFile, command.ErrorFile ?? "", command.InputFile ?? "/dev/null", SuitePaths.GnuTime, "-v", "-o", command.TimeFile, .. command.Arguments])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in command.Environment)
        {
            info.Environment[key] = value;
        }

        return new TimedProcess(Process.Start(info) ?? throw new BenchException($"cannot start {command.Arguments[0]}"));
    }

    public bool WaitForExit(TimeSpan timeout) => process.WaitForExit(timeout);

    /// <summary>The measured program (the child of <c>time</c>), while it runs.</summary>
    public int? ProgramPid => ProcStat.ChildOf(Pid);

    /// <summary>Ends <c>time</c> and the program without waiting for their report.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose() => process.Dispose();
}
