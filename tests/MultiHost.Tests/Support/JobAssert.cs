using System.Text.Json;

namespace K2Orleans.MultiHost.Tests.Support;

public static class JobAssert
{
    /// <summary>Completed with every combination rendered or skipped and none failed.</summary>
    public static void Complete(JsonElement job, long total)
    {
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal(total, job.GetProperty("total").GetInt64());
        Assert.Equal(total, job.GetProperty("done").GetInt64() + job.GetProperty("skipped").GetInt64());
        Assert.Equal(0, job.GetProperty("failed").GetInt64());
        Assert.Equal(0, job.GetProperty("remaining").GetInt64());
    }
}
