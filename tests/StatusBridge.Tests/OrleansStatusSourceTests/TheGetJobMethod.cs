using System.Text;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;
using K2Orleans.StatusBridge.Sources;
using K2Orleans.StatusBridge.Tests.Support;
using K2Orleans.TestSupport;
using K2Orleans.TestSupport.Clusters;

namespace K2Orleans.StatusBridge.Tests.OrleansStatusSourceTests;

/// <summary>
/// Issue H: every <c>JOB &lt;random id&gt;</c> used to activate a job grain (a storage read, ~4 KB kept): 65,000 ids took
/// the daemon from 207 to 475 MB. Here the real bridge asks a real cluster through the real source.
/// </summary>
public sealed class TheGetJobMethod
{
    private const int Seed = 20261128;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly Random random = new(Seed);

    [Fact]
    public async Task ShouldActivateNoJobGrainForThousandsOfUnknownIds()
    {
        await using var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions());
        var source = new OrleansStatusSource(cluster.Grains);
        await using var bridge = await BridgeHost.StartAsync(source, ("MaxRequestsPerConnection", "100000"));
        Assert.Equal(0, await cluster.ActiveJobGrainsAsync());

        // The attack: thousands of ids, most of them shaped like real ones, pipelined over one connection.
        var ids = Enumerable.Range(0, 3000).Select(_ => WellFormedId())
            .Concat(Enumerable.Range(0, 1000).Select(_ => MalformedId()))
            .ToList();
        using var client = await bridge.ConnectAsync();
        await client.SendAsync(string.Concat(ids.Select(id => $"JOB {id}\n")));
        var errors = new List<string>();
        foreach (var id in ids)
        {
            var answer = await client.ReadJsonAsync();
            errors.Add(answer.TryGetProperty("error", out var error) ? error.GetString()! : answer.GetRawText());
        }

        Assert.All(errors, error => Assert.Equal("not_found", error));
        Assert.Equal(0, await cluster.ActiveJobGrainsAsync());
        Assert.InRange(source.KnownJobs.Fetches, 1, 1 + (int)Deadline.TotalSeconds);

        // The control: an id the index holds does reach its job grain (which, never started, has no job to show).
        var known = await AddToIndexAsync(cluster);
        await WaitFor.ConditionAsync($"the bridge to ask the job grain of {known}", async () =>
        {
            await client.AskAsync("JOB " + known);
            return await cluster.ActiveJobGrainsAsync() == 1;
        }, Deadline);
    }

    [Fact]
    public async Task ShouldAnswerAJobTheIndexHolds()
    {
        await using var cluster = await InProcessCluster.StartAsync(new InProcessClusterOptions());
        var source = new OrleansStatusSource(cluster.Grains);
        var known = await AddToIndexAsync(cluster);

        Assert.Null(await source.GetJobAsync(JobKeys.NewJobId("classic-cup", DateTimeOffset.UnixEpoch), CancellationToken.None));
        Assert.Equal(0, await cluster.ActiveJobGrainsAsync());
        Assert.True(await source.KnownJobs.ContainsAsync(known, CancellationToken.None));
        Assert.Null(await source.GetJobAsync(known, CancellationToken.None));
        Assert.Equal(1, await cluster.ActiveJobGrainsAsync());
    }

    /// <summary>
    /// An id the index holds, finished two days ago: kept, but not listed for STATUS, so only JOB can wake its grain.
    /// </summary>
    private static async Task<string> AddToIndexAsync(InProcessCluster cluster)
    {
        var finished = DateTimeOffset.UtcNow.AddDays(-2);
        var id = JobKeys.NewJobId("classic-cup", finished.AddHours(-1));
        await cluster.Index.UpdateAsync(id, "classic-cup", JobState.Completed, finished);
        return id;
    }

    /// <summary>The shape the grains hand out (JobKeys.NewJobId), with random slugs and times, sometimes a counter.</summary>
    private string WellFormedId()
    {
        var slug = RandomText("abcdefghijklmnopqrstuvwxyz0123456789-", 1, 40).TrimStart('-');
        var time = DateTimeOffset.UnixEpoch.AddSeconds(random.NextInt64(0, 4_000_000_000));
        var id = JobKeys.NewJobId(slug.Length == 0 ? "x" : slug, time);
        return random.Next(4) == 0 ? $"{id}-{random.Next(2, 1000)}" : id;
    }

    private string MalformedId() => random.Next(6) switch
    {
        0 => RandomText("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", 1, 200),
        1 => WellFormedId().ToUpperInvariant(),
        2 => WellFormedId()[..^1],
        3 => "../" + WellFormedId(),
        4 => WellFormedId() + "x",
        _ => new string('a', random.Next(1, 300)),
    };

    private string RandomText(string alphabet, int min, int max)
    {
        var text = new StringBuilder();
        for (var length = random.Next(min, max + 1); text.Length < length;)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
