namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Grain keys. Every key carries a prefix: Orleans' ADO.NET storage reads an all-hex key as a number
/// (so "020235" and "20235" would share a row), and a prefix can never be hex-only.
/// </summary>
public static class JobKeys
{
    private const string JobPrefix = "job:";

    public static string Job(string jobId) => JobPrefix + jobId;

    public static string JobIdOf(string grainKey) => grainKey.StartsWith(JobPrefix, StringComparison.Ordinal) ? grainKey[JobPrefix.Length..] : grainKey;

    public static string Batch(string jobId, int batchIndex) => $"batch:{jobId}/{batchIndex}";

    /// <summary>A new job id: the trophy slug and the UTC start time, e.g. <c>classic-cup-20261128T211000Z</c>.</summary>
    public static string NewJobId(string slug, DateTimeOffset now) => $"{slug}-{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
}
