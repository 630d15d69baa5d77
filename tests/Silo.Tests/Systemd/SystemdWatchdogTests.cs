using System.Diagnostics;
using K2Orleans.Silo.Systemd;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2Orleans.Silo.Tests.Systemd;

public sealed class SystemdWatchdogTests
{
    [Fact]
    public async Task ShouldSendKeepAlivesToTheNotifySocketAtHalfTheTimeout()
    {
        using var folder = new TempDirectory();
        using var systemd = new DatagramReceiver(folder.File("notify.sock"));
        var notifier = CreateNotifier(systemd.Path);
        using var watchdog = new SystemdWatchdog(notifier, TimeSpan.FromMilliseconds(400), NullLogger<SystemdWatchdog>.Instance);

        var clock = Stopwatch.StartNew();
        await watchdog.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("WATCHDOG=1", systemd.Receive());
        }

        // The first keep-alive goes out at once, the next two a half-timeout apart each.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(350), $"three keep-alives in {clock.Elapsed}");
        await watchdog.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("60000000", null, 60.0)]
    [InlineData("30000000", "self", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData(null, null, null)]
    [InlineData("soon", null, null)]
    [InlineData("0", null, null)]
    public void ShouldReadTheTimeoutFromTheEnvironment(string? microseconds, string? pid, double? seconds)
    {
        var self = 4242;
        var environment = new Dictionary<string, string?>
        {
            ["WATCHDOG_USEC"] = microseconds,
            ["WATCHDOG_PID"] = pid == "self" ? "4242" : pid,
        };

        var timeout = SystemdWatchdog.TimeoutFromEnvironment(name => environment.GetValueOrDefault(name), self);

        Assert.Equal(seconds, timeout?.TotalSeconds);
    }

    // SystemdNotifier reads NOTIFY_SOCKET once, when it is created.
    private static SystemdNotifier CreateNotifier(string socketPath)
    {
        Environment.SetEnvironmentVariable("NOTIFY_SOCKET", socketPath);
        try
        {
            var notifier = new SystemdNotifier();
            Assert.True(notifier.IsEnabled);
            return notifier;
        }
        finally
        {
            Environment.SetEnvironmentVariable("NOTIFY_SOCKET", null);
        }
    }
}
