using K2Orleans.StatusBridge.Protocol;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.ResponseWriterTests;

public sealed class TheJobMethod
{
    [Fact]
    public void ShouldWrapTheJobAndAddErrorsAndBatches()
    {
        var answer = JsonLine.Parse(ResponseWriter.Job(Some.Job()));

        Assert.Equal(["ok", "job"], JsonLine.Names(answer));
        Assert.True(answer.GetProperty("ok").GetBoolean());
        var job = answer.GetProperty("job");
        Assert.Equal(
            ["id", "trophy", "status", "total", "done", "skipped", "failed", "remaining", "started_at", "finished_at",
                "elapsed_s", "eta_s", "rate_per_s", "errors", "batches"],
            JsonLine.Names(job));
        Assert.Equal("classic-cup-20261128T211000Z", job.GetProperty("id").GetString());
        Assert.Equal("classic-cup", job.GetProperty("trophy").GetString());
        Assert.Equal(["key", "message"], JsonLine.Names(job.GetProperty("errors")[0]));
        Assert.Equal("key-0", job.GetProperty("errors")[0].GetProperty("key").GetString());
        Assert.Equal("layer 0 unreadable", job.GetProperty("errors")[0].GetProperty("message").GetString());
        var batches = job.GetProperty("batches");
        Assert.Equal(["total", "done", "in_flight"], JsonLine.Names(batches));
        Assert.Equal(9, batches.GetProperty("total").GetInt32());
        Assert.Equal(4, batches.GetProperty("done").GetInt32());
        Assert.Equal(2, batches.GetProperty("in_flight").GetInt32());
    }

    [Fact]
    public void ShouldKeepAtMost20ErrorsTheOldestFirst()
    {
        var errors = JsonLine.Parse(ResponseWriter.Job(Some.Job(errors: 25))).GetProperty("job").GetProperty("errors");

        Assert.Equal(ResponseWriter.MaxErrors, errors.GetArrayLength());
        Assert.Equal("key-0", errors[0].GetProperty("key").GetString());
        Assert.Equal("key-19", errors[19].GetProperty("key").GetString());
    }

    [Fact]
    public void ShouldWriteAnEmptyErrorList() =>
        Assert.Equal(0, JsonLine.Parse(ResponseWriter.Job(Some.Job(errors: 0))).GetProperty("job").GetProperty("errors").GetArrayLength());
}
