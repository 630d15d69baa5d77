using System.Text.RegularExpressions;
using K2Orleans.Silo.Tests.Support;

namespace K2Orleans.Silo.Tests.Deploy;

public sealed class ScriptSyntaxTests
{
    public static TheoryData<string, string> Scripts => new()
    {
        { "install.sh", "bash" },
        { "watchdog.sh", "bash" },
        { "init.d/k2serverd", "sh" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ShouldParseAndBeExecutable(string script, string shell)
    {
        var path = RepoPaths.Deploy(script);

        var result = ProcessRunner.Run(shell, ["-n", path]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        Assert.StartsWith($"#!/bin/{shell}\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldDescribeTheInitScriptWithAnLsbHeader()
    {
        var text = File.ReadAllText(RepoPaths.Deploy("init.d/k2serverd"));

        var header = Regex.Match(text, "### BEGIN INIT INFO\n(.*?)### END INIT INFO", RegexOptions.Singleline);
        Assert.True(header.Success, "no LSB header");
        foreach (var field in new[] { "Provides: +k2serverd", "Required-Start:.*\\$syslog", "Default-Start: +2 3 4 5", "Default-Stop: +0 1 6", "Short-Description: .+" })
        {
            Assert.Matches($"(?m)^# {field}", header.Groups[1].Value);
        }
    }

    [Fact]
    public void ShouldRunTheWatchdogEveryMinuteUnderALock()
    {
        var entries = File.ReadAllLines(RepoPaths.Deploy("cron/k2orleans-watchdog"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.Contains('=', StringComparison.Ordinal))
            .ToList();

        var entry = Assert.Single(entries);
        var fields = entry.Split(' ', 7, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["*", "*", "*", "*", "*", "root"], fields[..6]);
        Assert.Contains("flock -n /run/k2orleans-root/watchdog.lock /opt/k2orleans/watchdog.sh", fields[6], StringComparison.Ordinal);
        Assert.EndsWith("\n", File.ReadAllText(RepoPaths.Deploy("cron/k2orleans-watchdog")), StringComparison.Ordinal);
    }
}
