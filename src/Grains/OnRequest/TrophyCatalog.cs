using System.Collections.Concurrent;
using K2Orleans.GrainInterfaces.Trophies;
using K2Orleans.Grains.Requests;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// The trophies this silo serves images of, read from their registry grains and kept for <see cref="Fresh"/>: a page
/// asks for many images of one trophy, and a grain call for each would cost more than serving a cached file. A new
/// job's spec is therefore picked up within that time; an image rendered from the older spec meanwhile is simply
/// stale for the build, which renders it again.
/// </summary>
public sealed class TrophyCatalog(IGrainFactory grains, JobRequestGate gate, TimeProvider time)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);

    /// <summary>Bounds the cache against requests for many made-up slugs; it is simply emptied when full.</summary>
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The trophy with this slug, or null when the slug is malformed or no job was ever started for it.</summary>
    public async Task<TrophyImages?> FindAsync(string slug)
    {
        if (!SpecRules.IsValidId(slug))
        {
            return null;
        }

        var now = time.GetTimestamp();
        if (entries.TryGetValue(slug, out var cached) && time.GetElapsedTime(cached.ReadAt, now) < Fresh)
        {
            return await cached.Trophy;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        // Concurrent misses may each ask the grain once; the last answer stays. A failed read is not kept.
        var lookup = LoadAsync(slug);
        entries[slug] = new Entry(now, lookup);
        try
        {
            return await lookup;
        }
        catch
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(slug, new Entry(now, lookup)));
            throw;
        }
    }

    private async Task<TrophyImages?> LoadAsync(string slug)
    {
        var request = await grains.GetGrain<ITrophyRegistryGrain>(ITrophyRegistryGrain.KeyOf(slug)).GetLatestAsync();
        if (request is null)
        {
            return null;
        }

        // Checked again here, as every entry point does: the silo's allowed roots may have narrowed since the job started.
        try
        {
            gate.Enforce(request, nameof(TrophyCatalog));
        }
        catch (RequestRefusedException)
        {
            return null;
        }

        return new TrophyImages(request);
    }

    private sealed record Entry(long ReadAt, Task<TrophyImages?> Trophy);
}
