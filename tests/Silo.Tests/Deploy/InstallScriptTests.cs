using K2Orleans.Silo.Tests.Support;

namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>install.sh under --root: it creates no user and starts nothing there.</summary>
public sealed class InstallScriptTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly string root;
    private readonly string build;

    public InstallScriptTests()
    {
        root = Directory.CreateDirectory(folder.File("root")).FullName;
        build = Directory.CreateDirectory(folder.File("publish")).FullName;
        Publish("version 1", ("k2orleans-bridge", "#!/bin/sh\n"), ("old-only.dll", "v1"));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ShouldInstallTheSysVScriptAndCronWatchdogIdempotentlyAndPurgeToNothing()
    {
        Install("--init", "sysv");
        AssertMode("etc/init.d/k2serverd", "755");
        AssertMode("etc/cron.d/k2orleans-watchdog", "644");
        AssertMode("etc/k2orleans/appsettings.json", "640");
        AssertMode("opt/k2orleans/watchdog.sh", "755");
        Assert.True(File.Exists(InRoot("opt/k2orleans/appsettings.example.json")));
        Assert.True(Directory.Exists(InRoot("var/lib/k2orleans")));
        Assert.True(Directory.Exists(InRoot("srv/k2orleans/output")));
        Assert.False(Directory.Exists(InRoot("etc/systemd/system")));

        // An edited configuration survives an upgrade; program files are replaced as a whole.
        File.WriteAllText(InRoot("etc/k2orleans/appsettings.json"), "{ \"edited\": true }");
        File.Delete(Path.Combine(build, "old-only.dll"));
        Publish("version 2");
        Install("--init", "sysv");
        Assert.Equal("{ \"edited\": true }", File.ReadAllText(InRoot("etc/k2orleans/appsettings.json")));
        Assert.Contains("version 2", File.ReadAllText(InRoot("opt/k2orleans/k2orleans-silo")), StringComparison.Ordinal);
        Assert.False(File.Exists(InRoot("opt/k2orleans/old-only.dll")));

        // Uninstall keeps configuration and data; purge removes every file.
        Run("--uninstall");
        Assert.Equal(["etc/k2orleans/appsettings.json"], FilesInRoot());
        Run("--uninstall", "--purge");
        Assert.Empty(FilesInRoot());
        Assert.False(Directory.Exists(InRoot("srv/k2orleans/output")));
    }

    [Fact]
    public void ShouldInstallTheSystemdUnitsWithTheOutputRootWritable()
    {
        Install("--init", "systemd", "--output-root", "/var/www/trophies");

        AssertMode("etc/systemd/system/k2orleans-silo.service", "644");
        AssertMode("etc/systemd/system/k2orleans-bridge.service", "644");
        Assert.Equal(
            File.ReadAllText(RepoPaths.Deploy("systemd/k2orleans-silo.service")),
            File.ReadAllText(InRoot("etc/systemd/system/k2orleans-silo.service")));
        Assert.Contains(
            "ReadWritePaths=/var/www/trophies",
            File.ReadAllLines(InRoot("etc/systemd/system/k2orleans-silo.service.d/output-root.conf")));
        Assert.True(Directory.Exists(InRoot("var/www/trophies")));
        Assert.False(File.Exists(InRoot("etc/init.d/k2serverd")));
        Assert.False(File.Exists(InRoot("etc/cron.d/k2orleans-watchdog")));

        Run("--uninstall", "--purge", "--output-root", "/var/www/trophies");
        Assert.Empty(FilesInRoot());
    }

    [Fact]
    public void ShouldReplaceTheSysVFilesWhenMovingToSystemd()
    {
        Install("--init", "sysv");
        Install("--init", "systemd");

        Assert.False(File.Exists(InRoot("etc/init.d/k2serverd")));
        Assert.False(File.Exists(InRoot("etc/cron.d/k2orleans-watchdog")));
        Assert.True(File.Exists(InRoot("etc/systemd/system/k2orleans-silo.service")));
    }

    [Fact]
    public void ShouldRefuseABuildFolderWithoutTheSilo()
    {
        File.Delete(Path.Combine(build, "k2orleans-silo"));

        var result = Script("--from", build, "--root", root, "--init", "sysv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("k2orleans-silo is missing", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(InRoot("opt/k2orleans")));
    }

    [Fact]
    public void ShouldRefuseAnOutputRootThatIsALink()
    {
        // On a host root would chown the folder the link leads to, wherever that is.
        var elsewhere = Directory.CreateDirectory(folder.File("elsewhere")).FullName;
        Directory.CreateDirectory(InRoot("srv/k2orleans"));
        File.CreateSymbolicLink(InRoot("srv/k2orleans/output"), elsewhere);

        var result = Script("--from", build, "--root", root, "--init", "sysv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{InRoot("srv/k2orleans/output")} is a symbolic link", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldRefuseAnUnknownOption()
    {
        var result = Script("--root", root, "--frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", result.Stderr, StringComparison.Ordinal);
    }

    private void Publish(string version, params (string Name, string Content)[] more)
    {
        var silo = Path.Combine(build, "k2orleans-silo");
        File.WriteAllText(silo, $"#!/bin/sh\necho {version}\n");
        File.SetUnixFileMode(silo, (UnixFileMode)0b111_101_101);
        foreach (var (name, content) in more)
        {
            var path = Path.Combine(build, name);
            File.WriteAllText(path, content);
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }

    private void Install(params string[] options) => Run(["--from", build, .. options]);

    private void Run(params string[] arguments)
    {
        var result = Script([.. arguments, "--root", root]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static ProcessResult Script(params string[] arguments) =>
        ProcessRunner.Run("bash", [RepoPaths.Deploy("install.sh"), .. arguments]);

    private string InRoot(string relative) => Path.Combine(root, relative);

    private void AssertMode(string relative, string octal)
    {
        var mode = (int)File.GetUnixFileMode(InRoot(relative));
        Assert.Equal(octal, Convert.ToString(mode, 8));
    }

    private List<string> FilesInRoot() =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Where(path => !Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)
            .ToList();
}
