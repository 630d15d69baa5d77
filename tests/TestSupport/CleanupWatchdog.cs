using System.Diagnostics;

namespace K2Orleans.TestSupport;

/// <summary>
/// A tiny shell process that removes a throwaway server once the test process is gone, however it
/// ends: it blocks reading a pipe from the test process, and the pipe reaches end-of-file when the
/// test process exits normally, crashes or is killed by a hang timeout. It then kills the server
/// recorded in the pid file (if its command line names the directory) and deletes the directory.
/// </summary>
internal sealed class CleanupWatchdog
{
    private const string Script = """
        root="$1"
        read -r _
        pid=$(cat "$root/mariadbd.pid" 2>/dev/null)
        if [ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$root"; then
            kill -9 "$pid" 2>/dev/null
            tries=0
            while [ -e "/proc/$pid/cmdline" ] && [ -s "/proc/$pid/cmdline" ] && [ $tries -lt 50 ]; do
                sleep 0.1
                tries=$((tries + 1))
            done
        fi
        rm -rf "$root"
        """;

    private readonly Process process;

    private CleanupWatchdog(Process process)
    {
        this.process = process;
    }

    public static CleanupWatchdog Start(string rootDirectory)
    {
        // Every stream is a pipe of ours: an inherited stdout would keep the test runner's output
        // pipe open after the test process died, and the runner would wait for it.
        var start = new ProcessStartInfo("/bin/sh", ["-c", Script, "k2-mariadb-watchdog", rootDirectory])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh for the MariaDB cleanup watchdog.");
        return new CleanupWatchdog(process);
    }

    /// <summary>Makes the watchdog clean up now rather than when the process exits.</summary>
    public void Trigger()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }
    }
}
