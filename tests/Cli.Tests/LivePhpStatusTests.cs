using System.Globalization;
using System.Text.Json;
using K2Orleans.Cli.Tests.Support;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary>The shop's status page side: real php-cli with the project's K2Status client, against a live bridge.</summary>
public sealed class LivePhpStatusTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("k2-php-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ShouldSeeRunningJobMoveThenCompleteAndSeeClusterDownFromStandaloneBridge()
    {
        using var daemon = new Daemon(folder, renderLimit: 1);
        await daemon.StartAsync();
        var bridgePort = FreeTcpPort.Next();
        var bridgeEnvironment = new Dictionary<string, string>(daemon.Environment) { ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{bridgePort}" };
        using var bridge = K2Process.StartDll("k2orleans-bridge.dll", folder, bridgeEnvironment);
        await WaitFor.ConditionAsync("the standalone bridge to see the cluster", async () =>
        {
            try
            {
                return (await AskAsync(bridgePort, "ping")).GetProperty("answer").GetProperty("running").GetBoolean();
            }
            catch (IOException)
            {
                return false;   // not listening yet
            }
        }, TimeSpan.FromMinutes(1));

        // A canvas big enough that one render slot takes several seconds over the 648 images: the bridge refreshes its
        // counts once a second and each poll starts php-cli, so a job of 2 s shows at most two running counts.
        var spec = SampleSpec.Write("grand-prix", folder, 480, 768);
        var submit = await K2Run.RunAsync(daemon.Environment, TimeSpan.FromMinutes(1), "submit", spec, "--out", Path.Combine(folder, "out"));
        var jobId = submit.StandardOutput.Split('\n')[0].Trim();
        var seen = new List<JsonElement>();
        await WaitFor.ConditionAsync("three running polls with an ETA", async () =>
        {
            var status = (await AskAsync(bridgePort, "status")).GetProperty("answer");
            var job = status.GetProperty("jobs").EnumerateArray().FirstOrDefault(j => j.GetProperty("id").GetString() == jobId);
            Assert.False(job.ValueKind == JsonValueKind.Object && job.GetProperty("status").GetString() == "completed",
                $"the job completed before three running polls with an ETA were seen; seen: [{string.Join(", ", seen)}]");
            if (status.GetProperty("running").GetBoolean() && job.ValueKind == JsonValueKind.Object
                && job.GetProperty("status").GetString() == "running" && job.GetProperty("eta_s").ValueKind == JsonValueKind.Number)
            {
                seen.Add(job.Clone());
            }

            return seen.Select(j => j.GetProperty("done").GetInt64()).Distinct().Count() >= 3;
        }, TimeSpan.FromMinutes(3));
        await WaitFor.ConditionAsync("the job to complete", async () =>
            (await AskAsync(bridgePort, "job", jobId)).GetProperty("answer").GetProperty("job").GetProperty("status").GetString() == "completed", TimeSpan.FromMinutes(3));
        var completed = (await AskAsync(bridgePort, "job", jobId)).GetProperty("answer").GetProperty("job");

        daemon.Kill();
        JsonElement down = default;
        await WaitFor.ConditionAsync("the bridge to report the cluster down", async () =>
        {
            down = await AskAsync(bridgePort, "status");
            Assert.True(down.GetProperty("seconds").GetDouble() < 2, "the bridge took 2 s or more to answer: " + down);
            return !down.GetProperty("answer").GetProperty("running").GetBoolean();
        }, TimeSpan.FromSeconds(60));

        Assert.All(seen, job => Assert.Equal(job.GetProperty("total").GetInt64(),
            job.GetProperty("done").GetInt64() + job.GetProperty("skipped").GetInt64() + job.GetProperty("failed").GetInt64() + job.GetProperty("remaining").GetInt64()));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.GetProperty("done").GetInt64() >= p.First.GetProperty("done").GetInt64()));
        Assert.All(seen, job => Assert.True(job.GetProperty("eta_s").GetDouble() > 0));
        Assert.Equal(0, completed.GetProperty("eta_s").GetDouble());
        Assert.Equal(648, completed.GetProperty("done").GetInt64());
        Assert.Equal(0, completed.GetProperty("remaining").GetInt64());
        Assert.Empty(down.GetProperty("answer").GetProperty("silos").EnumerateArray());
    }

    private static async Task<JsonElement> AskAsync(int port, string command, string? jobId = null)
    {
        string[] arguments = [Php.AskScript, Path.Combine(Php.ClientFolder, "K2Status.php"), "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "2", command, .. jobId is null ? Array.Empty<string>() : [jobId]];
        var result = await Php.RunAsync(arguments);
        Assert.True(result.ExitCode == 0, result.Errors);
        using var document = JsonDocument.Parse(result.Output);
        if (document.RootElement.TryGetProperty("exception", out _))
        {
            throw new IOException("K2Status threw: " + result.Output);
        }

        return document.RootElement.Clone();
    }
}
