
namespace K2Orleans.Grains.Jobs;

/// <summary>Grain keys; each carries a prefix (see <see cref="ITrophyJobGrain.KeyOf"/> for why).</summary>
public static class JobKeys
{
    public static string Job(string jobId) => ITrophyJobGrain.KeyOf(jobId);

    public static string JobIdOf(string grainKey) => grainKey[ITrophyJobGrain.KeyOf("").Length..];

    public static string Batch(string jobId, int batchIndex) => $"batch:{jobId}/{batchIndex}";

    /// <summary>A new job id: the trophy slug and the UTC start time, e.g. <c>classic-cup-20261128T211000Z</c>.</summary>
    public static string NewJobId(string slug, DateTimeOffset now) => $"{slug}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
}
