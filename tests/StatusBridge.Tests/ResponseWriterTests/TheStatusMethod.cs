using System.Text.Json;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.StatusBridge.Protocol;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.ResponseWriterTests;

public sealed class TheStatusMethod
{
    private static readonly string[] JobFields =
    [
        "id", "trophy", "status", "total", "done", "skipped", "failed", "remaining",
        "started_at", "finished_at", "elapsed_s", "eta_s", "rate_per_s",
    ];

    private static JsonElement Write(ClusterSnapshot cluster, double uptimeSeconds = 3600.5) =>
        JsonLine.Parse(ResponseWriter.Status(cluster, TimeSpan.FromSeconds(uptimeSeconds)));

    [Fact]
    public void ShouldUseTheContractsFieldNames()
    {
        var answer = Write(Some.Cluster(Some.Job()));

        Assert.Equal(["ok", "running", "uptime_s", "silos", "jobs"], JsonLine.Names(answer));
        Assert.Equal(["address", "status", "renders_active", "render_limit"], JsonLine.Names(answer.GetProperty("silos")[0]));
        Assert.Equal(JobFields, JsonLine.Names(answer.GetProperty("jobs")[0]));
    }

    [Fact]
    public void ShouldWriteTheClusterAndSiloValues()
    {
        var answer = Write(new ClusterSnapshot(true, [new SiloSnapshot("10.0.0.5:11111", "active", 1, 2)], []), 3600.54);

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.True(answer.GetProperty("running").GetBoolean());
        Assert.Equal(3600.5, answer.GetProperty("uptime_s").GetDouble());
        var silo = answer.GetProperty("silos")[0];
        Assert.Equal("10.0.0.5:11111", silo.GetProperty("address").GetString());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.Equal(1, silo.GetProperty("renders_active").GetInt32());
        Assert.Equal(2, silo.GetProperty("render_limit").GetInt32());
        Assert.Equal(0, answer.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void ShouldWriteJobCountsThatAddUpToTheTotal()
    {
        var job = Write(Some.Cluster(Some.Job(total: 900, done: 440, skipped: 10, failed: 1))).GetProperty("jobs")[0];

        Assert.Equal(900, job.GetProperty("total").GetInt64());
        Assert.Equal(440, job.GetProperty("done").GetInt64());
        Assert.Equal(10, job.GetProperty("skipped").GetInt64());
        Assert.Equal(1, job.GetProperty("failed").GetInt64());
        Assert.Equal(449, job.GetProperty("remaining").GetInt64());
        Assert.Equal(job.GetProperty("total").GetInt64(),
            job.GetProperty("done").GetInt64() + job.GetProperty("skipped").GetInt64()
            + job.GetProperty("failed").GetInt64() + job.GetProperty("remaining").GetInt64());
    }

    [Fact]
    public void ShouldWriteTimesInUtcWithZAndAnUnfinishedJobsEndAsNull()
    {
        var job = Write(Some.Cluster(Some.Job())).GetProperty("jobs")[0];

        // Some.Start is 22:10 at +01:00.
        Assert.Equal("2026-11-28T21:10:00Z", job.GetProperty("started_at").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("finished_at").ValueKind);
    }

    [Fact]
    public void ShouldWriteSecondsAndRatesRounded()
    {
        var job = Write(Some.Cluster(Some.Job(elapsed: 30.2345, eta: 29.86, rate: 14.8765))).GetProperty("jobs")[0];

        Assert.Equal(30.2, job.GetProperty("elapsed_s").GetDouble());
        Assert.Equal(29.9, job.GetProperty("eta_s").GetDouble());
        Assert.Equal(14.88, job.GetProperty("rate_per_s").GetDouble());
    }

    [Fact]
    public void ShouldWriteUnknownAndUnusableNumbersAsNull()
    {
        var job = Write(Some.Cluster(Some.Job(eta: null, rate: double.NaN, elapsed: double.PositiveInfinity)))
            .GetProperty("jobs")[0];

        Assert.Equal(JsonValueKind.Null, job.GetProperty("eta_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("rate_per_s").ValueKind);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("elapsed_s").ValueKind);
    }

    [Fact]
    public void ShouldWriteAFinishedJob()
    {
        var end = Some.Start.AddMinutes(1).AddSeconds(0.75);
        var job = Write(Some.Cluster(Some.Job(status: JobState.Completed, done: 899, failed: 1, eta: 0, finishedAt: end)))
            .GetProperty("jobs")[0];

        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("2026-11-28T21:11:00Z", job.GetProperty("finished_at").GetString());
        Assert.Equal(0, job.GetProperty("eta_s").GetDouble());
        Assert.Equal(0, job.GetProperty("remaining").GetInt64());
    }

    [Theory]
    [InlineData(JobState.Queued, "queued")]
    [InlineData(JobState.Running, "running")]
    [InlineData(JobState.Paused, "paused")]
    [InlineData(JobState.Completed, "completed")]
    [InlineData(JobState.Failed, "failed")]
    [InlineData(JobState.Cancelled, "cancelled")]
    public void ShouldNameJobStatesInLowerCase(JobState state, string name) =>
        Assert.Equal(name, Write(Some.Cluster(Some.Job(status: state))).GetProperty("jobs")[0].GetProperty("status").GetString());

    [Fact]
    public void ShouldWriteAClusterThatIsDownWithEmptyLists()
    {
        var answer = Write(ClusterSnapshot.Down);

        Assert.True(answer.GetProperty("ok").GetBoolean());
        Assert.False(answer.GetProperty("running").GetBoolean());
        Assert.Equal(0, answer.GetProperty("silos").GetArrayLength());
        Assert.Equal(0, answer.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void ShouldTreatUninitializedListsAsEmpty()
    {
        var answer = Write(new ClusterSnapshot(false, default, default));

        Assert.Equal(0, answer.GetProperty("silos").GetArrayLength());
        Assert.Equal(0, answer.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void ShouldListEveryJob()
    {
        var answer = Write(new ClusterSnapshot(true, [Some.Silo()], Some.Jobs(3)));

        Assert.Equal(["classic-cup-0", "classic-cup-1", "classic-cup-2"],
            answer.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
    }
}
