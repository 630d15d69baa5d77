using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.PluginTests;

/// <summary>
/// One truth about a build cancelled from WordPress, with a real daemon process polling a real WordPress: once the
/// job has ended, postmeta, the status socket and <c>k2 status</c> give the same counts, those counts are the images
/// on disk, syslog has exactly one end line, and at most the render slots' worth of images was written after the
/// job answered that it was cancelled.
/// </summary>
public sealed class TheCancelTruth : IAsyncLifetime
{
    private const int RenderSlots = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TempDirectory folder = new();
    private DatagramReceiver syslog = null!;
    private WordPressSite site = null!;
    private Daemon daemon = null!;

    public async Task InitializeAsync()
    {
        site = await WordPressSite.CreateAsync();
        syslog = new DatagramReceiver(folder.File("log.sock"));
        daemon = new Daemon(folder.Path, renderLimit: RenderSlots, settings: new Dictionary<string, string>
        {
            ["K2__WordPress__Enabled"] = "true",
            ["K2__WordPress__ConnectionString"] = site.DaemonConnectionString,
            ["K2__WordPress__TablePrefix"] = WordPressSite.TablePrefix,
            ["K2__WordPress__PollInterval"] = "00:00:00.200",
            ["K2__WordPress__ProgressInterval"] = "00:00:00.500",
            ["K2__WordPress__AssetRoot"] = site.AssetRoot,
            ["K2__WordPress__OutputRoot"] = site.OutputRoot,
            ["K2__Logging__Syslog"] = "true",
            ["K2__Logging__SyslogSocket"] = syslog.Path,
        });
        await daemon.StartAsync();
        await site.SetBridgeAsync(daemon.StatusPort);
    }

    public async Task DisposeAsync()
    {
        daemon.Dispose();
        syslog.Dispose();
        await site.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task ShouldGiveTheSameFinalCountsInPostmetaTheSocketAndK2StatusAfterACancel()
    {
        const string slug = "cancel-cup";
        var spec = Large(slug);
        var total = spec["slots"]!.AsArray().Aggregate(1, (n, s) => n * (s!["options"]!.AsArray().Count + (s["optional"]?.GetValue<bool>() == true ? 1 : 0)));
        var post = await site.CreateTrophyAsync("Cancel cup", spec.ToJsonString());
        var images = Path.Combine(site.OutputRoot, slug);

        await site.PressAsync(post, "build");
        var jobId = (await site.WaitForAsync(post, m => m.Job is { Length: > 0 } && m.Count("done") >= 40, Timeout, "40 images built")).Job!;
        await site.PressAsync(post, "cancel");
        await WaitFor.ConditionAsync("the job to answer cancelled", () => Status(daemon.Job(jobId)) == "cancelled", Timeout);
        var atCancel = Count(images);
        var meta = await site.WaitForAsync(post, m => m.Status == "cancelled", Timeout, "postmeta to say cancelled");
        await WaitFor.ConditionAsync("every render to stop", () => daemon.Ask("STATUS") is { } s
            && s.RootElement.GetProperty("silos").EnumerateArray().All(silo => silo.GetProperty("renders_active").GetInt32() == 0), Timeout);
        var onDisk = Count(images);
        var socket = Counts(daemon.Job(jobId));
        var k2 = await K2Process.RunAsync(folder.Path, daemon.Environment, TimeSpan.FromMinutes(1), "status", jobId, "--json");
        var lines = syslog.ReceiveUntil($"Job {jobId} Cancelled", TimeSpan.FromMinutes(1));
        while (syslog.TryReceive(TimeSpan.FromMilliseconds(300), out var line))
        {
            lines.Add(line);
        }

        Assert.True(total >= 2000, $"{total} combinations");
        Assert.True(onDisk is > 0 and < 2000, $"{onDisk} images: the build was not cancelled mid-job");
        Assert.InRange(onDisk - atCancel, 0, RenderSlots);
        Assert.Equal((onDisk, 0L, 0L), socket);
        Assert.Equal(socket, (meta.Count("done"), meta.Count("skipped"), meta.Count("failed")));
        using (var json = JsonDocument.Parse(k2.StandardOutput))
        {
            Assert.Equal(socket, Counts(json.RootElement.GetProperty("job")));
        }

        var ends = lines.Where(l => l.Contains($"Job {jobId} Completed", StringComparison.Ordinal)
            || l.Contains($"Job {jobId} Failed", StringComparison.Ordinal) || l.Contains($"Job {jobId} Cancelled", StringComparison.Ordinal));
        Assert.Single(ends);
    }

    /// <summary>The grand-prix sample at a small size with its columns and risers offered in more finishes: 3,888 combinations.</summary>
    private static JsonObject Large(string slug)
    {
        var spec = TrophySpecs.Sample("grand-prix", slug);
        spec["canvas"]!["width"] = 200;
        spec["canvas"]!["height"] = 320;
        foreach (var (slot, copies) in new[] { (1, 3), (2, 1) })
        {
            var options = spec["slots"]![slot]!["options"]!.AsArray();
            foreach (var option in options.ToList())
            {
                for (var c = 1; c <= copies && options.Count < 12; c++)
                {
                    var copy = option!.DeepClone().AsObject();
                    copy["id"] = $"{option["id"]}-{c}";
                    copy.Remove("label");
                    options.Add(copy);
                }
            }
        }

        return spec;
    }

    private static int Count(string folder) => Directory.Exists(folder) ? Directory.GetFiles(folder, "*.png").Length : 0;

    private static string? Status(JsonElement job) => job.GetProperty("status").GetString();

    private static (long Done, long Skipped, long Failed) Counts(JsonElement job) =>
        (job.GetProperty("done").GetInt64(), job.GetProperty("skipped").GetInt64(), job.GetProperty("failed").GetInt64());
}
