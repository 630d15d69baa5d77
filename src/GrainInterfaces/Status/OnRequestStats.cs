namespace K2Orleans.GrainInterfaces.Status;

/// <summary>A silo's image endpoint since it started; latencies over the last minute of requests that waited for a render.</summary>
/// <param name="Rendered">Combinations rendered because a request asked for them.</param>
/// <param name="Served">Requests answered with an image, from disk or freshly rendered.</param>
/// <param name="Coalesced">Requests that joined a render of the same combination already under way.</param>
/// <param name="NotFound">Requests answered 404 without rendering: unknown trophy, key, suffix or extension.</param>
/// <param name="Busy">Requests answered 503 because too many renders were waiting.</param>
/// <param name="P50Ms">Median milliseconds from request to rendered file, last minute; 0 when none.</param>
/// <param name="P99Ms">99th percentile of the same.</param>
[GenerateSerializer, Immutable, Alias("k2.OnRequestStats")]
public sealed record OnRequestStats(long Rendered, long Served, long Coalesced, long NotFound, long Busy, double P50Ms, double P99Ms)
{
    public static OnRequestStats None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
