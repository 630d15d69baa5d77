using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.EditorTests;

/// <summary>
/// K2TB_Build_Rate, which gives the trophy editor the daemon's recent rate for its estimated build time, over status
/// bridge answers of each kind (the real bridge's answer is the browser test's, TheEditorInTheBrowser).
/// </summary>
public sealed class TheBuildRate(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    [Fact]
    public async Task ShouldTakeTheBuildThatFinishedLastAsImagesRenderedPerSecondOfItsRun()
    {
        var rate = await RateAsync(Reachable(
            Job("old", "completed", done: 100, elapsed: 10, finished: "2026-12-03T10:00:00Z"),
            Job("new", "completed", done: 90, elapsed: 7, finished: "2026-12-03T11:00:00Z"),
            Job("nothing-rendered", "completed", done: 0, elapsed: 2, finished: "2026-12-03T12:00:00Z"),
            Job("too-quick", "completed", done: 4, elapsed: 0, finished: "2026-12-03T12:30:00Z")));

        Assert.Equal(12.86, rate.GetProperty("perS").GetDouble());
        Assert.Equal("new", rate.GetProperty("job").GetString());
        Assert.Equal("cup", rate.GetProperty("trophy").GetString());
    }

    [Fact]
    public async Task ShouldPreferARunningBuildsRecentRate()
    {
        var running = Job("running", "running", done: 10, elapsed: 100, finished: null);
        running["rate_per_s"] = 33.3;

        var rate = await RateAsync(Reachable(Job("done", "completed", done: 100, elapsed: 10, finished: "2026-12-03T11:00:00Z"), running));

        Assert.Equal((33.3, "running"), (rate.GetProperty("perS").GetDouble(), rate.GetProperty("job").GetString()));
    }

    [Fact]
    public async Task ShouldSayWhyThereIsNoRate()
    {
        var none = await RateAsync(Reachable(Job("queued", "queued", done: 0, elapsed: 0, finished: null)));
        var unreachable = await RateAsync(new JsonObject { ["reachable"] = false, ["running"] = false, ["jobs"] = new JsonObject(), ["silos"] = new JsonArray(), ["problem"] = "connection refused" });

        Assert.Equal(JsonValueKind.Null, none.GetProperty("perS").ValueKind);
        Assert.Equal("the daemon has no build in the last 24 hours to measure its rate by", none.GetProperty("why").GetString());
        Assert.Equal(JsonValueKind.Null, unreachable.GetProperty("perS").ValueKind);
        Assert.Equal("the status bridge does not answer (connection refused)", unreachable.GetProperty("why").GetString());
    }

    private async Task<JsonElement> RateAsync(JsonObject bridge) =>
        await fixture.Site.RunJsonAsync("build-rate", await fixture.Site.WriteFileAsync(bridge.ToJsonString()));

    /// <summary>K2TB_Bridge::status() of a bridge that answered: jobs keyed by id.</summary>
    private static JsonObject Reachable(params JsonObject[] jobs)
    {
        var keyed = new JsonObject();
        foreach (var job in jobs)
        {
            keyed[job["id"]!.GetValue<string>()] = job;
        }

        return new JsonObject { ["reachable"] = true, ["running"] = true, ["jobs"] = keyed, ["silos"] = new JsonArray(), ["problem"] = "" };
    }

    private static JsonObject Job(string id, string status, long done, double elapsed, string? finished) => new()
    {
        ["id"] = id,
        ["trophy"] = "cup",
        ["status"] = status,
        ["total"] = done,
        ["done"] = done,
        ["skipped"] = 0,
        ["failed"] = 0,
        ["remaining"] = 0,
        ["started_at"] = "2026-12-03T09:00:00Z",
        ["finished_at"] = finished,
        ["elapsed_s"] = elapsed,
        ["eta_s"] = null,
        ["rate_per_s"] = null,
    };
}
