namespace K2Orleans.TestSupport;

/// <summary>
/// A real browser for the web pages: Debian's headless Chromium loads a page, runs its scripts for a while of virtual
/// time, and hands back the DOM as it then stands, or a screenshot. The test command installs it
/// (chromium-headless-shell) if missing.
/// </summary>
public static class HeadlessBrowser
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<string> Executable = new(() =>
        ProcessRunner.Find("chromium-headless-shell") ?? ProcessRunner.Find("chromium")
        ?? throw new InvalidOperationException("no headless Chromium on PATH: install chromium-headless-shell (scripts/test.sh does)"));

    /// <summary>The page's DOM after its scripts ran for <paramref name="scriptTime"/> of virtual time.</summary>
    public static string DumpDom(string url, TimeSpan scriptTime) =>
        Run(url, scriptTime, "--dump-dom").Stdout;

    /// <summary>Writes a PNG screenshot of the page to <paramref name="path"/> after its scripts ran for <paramref name="scriptTime"/>.</summary>
    public static void Screenshot(string url, string path, TimeSpan scriptTime, int width = 1280, int height = 900)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Run(url, scriptTime, $"--screenshot={Path.GetFullPath(path)}", $"--window-size={width},{height}");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium wrote no screenshot of {url} to {path}");
        }
    }

    private static ProcessResult Run(string url, TimeSpan scriptTime, params string[] action)
    {
        using var profile = new TempDirectory();
        string[] arguments =
        [
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            // Chromium's sandbox refuses to run as root, as CI does; the pages are the project's own.
            "--no-sandbox",
            $"--user-data-dir={profile.Path}",
            $"--virtual-time-budget={(int)scriptTime.TotalMilliseconds}",
            .. action,
            url,
        ];
        var result = ProcessRunner.Run(Executable.Value, arguments, timeout: RunTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Chromium failed on {url} (exit {result.ExitCode}): {result.Stderr}");
        }

        return result;
    }
}
