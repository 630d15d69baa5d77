using System.Text.Json;

namespace K2Orleans.Silo.Tests.Daemons;

/// <summary>
/// One truth about a cancelled build, from a real daemon: what <c>k2 cancel</c> answers, what <c>k2 status --json</c>
/// and the status socket say, the single end line in syslog and the images on disk all agree; and the daemon's own
/// start and stop say nothing an operator would fear.
/// </summary>
public sealed class DaemonCancelTests : IDisposable
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The grand-prix sample with ten times its bases: 6480 combinations, minutes of work for two render slots, so the
    /// cancel and the SIGTERM land mid-job on any machine (a fast one rendered all 648 of the plain sample in 2 s).
    /// </summary>
    private const int Copies = 10;
    private const int Total = 648 * Copies;
    private readonly string folder = Directory.CreateTempSubdirectory("k2-cancel-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldEndACancelledBuildOnceWithTheSameCountsInSyslogStatusSocketAndOnDisk()
    {
        using var syslog = new DatagramReceiver(Path.Combine(folder, "log.sock"));
        using var daemon = new Daemon(folder, renderLimit: 2);
        daemon.Environment["K2__Logging__Syslog"] = "true";
        daemon.Environment["K2__Logging__SyslogSocket"] = syslog.Path;
        await daemon.StartAsync();
        var jobId = await daemon.SubmitAsync(SampleSpec.Write("grand-prix", folder, 200, 320, Copies), Path.Combine(folder, "out"));
        await WaitFor.ConditionAsync("24 images", () => daemon.Job(jobId).GetProperty("done").GetInt64() >= 24, JobTimeout);

        var cancel = await K2Process.RunAsync(folder, daemon.Environment, TimeSpan.FromMinutes(1), "cancel", jobId);
        var lines = syslog.ReceiveUntil($"Job {jobId} Cancelled", TimeSpan.FromMinutes(1));
        await WaitFor.ConditionAsync("every render to stop", () => daemon.Ask("STATUS") is { } status
            && status.RootElement.GetProperty("silos").EnumerateArray().All(s => s.GetProperty("renders_active").GetInt32() == 0), TimeSpan.FromSeconds(30));
        var images = Directory.GetFiles(Path.Combine(folder, "out", "grand-prix"), "*.png").Length;

        // The stopped batches' own reports reach the job after the cancel: the counts must not move.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        await WaitFor.ConditionAsync("three seconds in which the socket's counts stay as on disk", () =>
        {
            Assert.Equal(("cancelled", images), Counts(daemon.Job(jobId)));
            return quiet.Elapsed >= TimeSpan.FromSeconds(3);
        }, TimeSpan.FromMinutes(1));
        var status = await K2Process.RunAsync(folder, daemon.Environment, TimeSpan.FromMinutes(1), "status", jobId, "--json");
        while (syslog.TryReceive(TimeSpan.FromMilliseconds(200), out var line))
        {
            lines.Add(line);
        }

        Assert.True(cancel.Process.ExitCode == 0, cancel.StandardError);
        Assert.True(images is > 0 and < Total, $"{images} images");
        Assert.Equal($"{jobId}: cancelled, {images} of {Total} done", cancel.StandardOutput.Trim());
        using (var json = JsonDocument.Parse(status.StandardOutput))
        {
            Assert.Equal(("cancelled", images), Counts(json.RootElement.GetProperty("job")));
        }

        var ends = lines.Where(l => l.Contains($"Job {jobId} Completed", StringComparison.Ordinal) || l.Contains($"Job {jobId} Failed", StringComparison.Ordinal)
            || l.Contains($"Job {jobId} Cancelled", StringComparison.Ordinal));
        Assert.EndsWith($"Job {jobId} Cancelled: rendered {images}, skipped 0, failed 0 of {Total}", Assert.Single(ends), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder, "out"), "*.k2tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ShouldStartAndStopMidBuildWithoutWatchdogOrAddressingErrors()
    {
        using var daemon = new Daemon(folder, renderLimit: 2);
        await daemon.StartAsync();
        var jobId = await daemon.SubmitAsync(SampleSpec.Write("grand-prix", folder, 200, 320, Copies), Path.Combine(folder, "out"));
        await WaitFor.ConditionAsync("24 images", () => daemon.Job(jobId).GetProperty("done").GetInt64() >= 24, JobTimeout);

        var exitCode = await daemon.TerminateAsync(TimeSpan.FromMinutes(1));
        var output = daemon.Output;

        Assert.Equal(0, exitCode);
        Assert.Contains("K2Orleans silo stopped after", output, StringComparison.Ordinal);
        Assert.True(Directory.GetFiles(Path.Combine(folder, "out", "grand-prix"), "*.png").Length < Total, "the job had finished before SIGTERM");
        foreach (var noise in new[] { "Participant check thread", "Failed to address message", "migration destination", "report lost", "fail: " })
        {
            Assert.False(output.Contains(noise, StringComparison.Ordinal), $"'{noise}' in:\n{output}");
        }
    }

    private static (string? Status, long Done) Counts(JsonElement job)
    {
        Assert.Equal((0L, 0L), (job.GetProperty("skipped").GetInt64(), job.GetProperty("failed").GetInt64()));
        return (job.GetProperty("status").GetString(), job.GetProperty("done").GetInt64());
    }
}
