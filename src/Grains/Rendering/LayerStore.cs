using System.Collections.Concurrent;
using System.IO.Hashing;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.Rendering;

/// <summary>
/// Process-wide cache of layer files, keyed by path and the file's size and modification time, so an edited
/// layer is read again while an unchanged one is hashed and decoded once. Decoded pixels are kept within a memory
/// budget, least recently used first out; hashes are tiny and kept.
/// </summary>
public sealed class LayerStore(RenderingOptions options)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock budgetLock = new();
    private readonly LinkedList<Entry> decodedByAge = new();
    private long decodedBytes;

    public long DecodedBytes => Interlocked.Read(ref decodedBytes);

    /// <summary>The layer <paramref name="image"/> of a spec whose assets live in <paramref name="assetRoot"/>.</summary>
    public LayerFile Get(string assetRoot, string image)
    {
        var path = PathSafety.ResolveExistingFile(assetRoot, image, out var reason);
        if (path is null)
        {
            return new LayerFile($"layer '{image}' {reason}");
        }

        var info = new FileInfo(path);
        var stamp = (info.Length, info.LastWriteTimeUtc.Ticks);
        if (entries.TryGetValue(path, out var existing) && existing.Stamp == stamp)
        {
            Touch(existing);
            return existing.File;
        }

        var entry = Load(path, image, stamp);
        entries[path] = entry;
        return entry.File;
    }

    /// <summary>
    /// Reads and decodes every layer of <paramref name="spec"/> now (within the memory budget), so the first renders
    /// find them ready. A layer that cannot be read or decoded is left for the render that needs it to report.
    /// </summary>
    public void Preload(TrophySpec spec)
    {
        foreach (var option in spec.Slots.SelectMany(slot => slot.Options))
        {
            var layer = Get(spec.AssetRoot, option.Image);
            try
            {
                if (layer.Error is null)
                {
                    layer.Decode();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Remembered by the layer; its renders fail with this message.
            }
        }
    }

    private Entry Load(string path, string image, (long, long) stamp)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return new Entry(stamp, new LayerFile($"layer '{image}' cannot be read: {e.Message}"));
        }
        catch (UnauthorizedAccessException e)
        {
            return new Entry(stamp, new LayerFile($"layer '{image}' cannot be read: {e.Message}"));
        }

        var hash = XxHash128.HashToUInt128(bytes);
        Entry? entry = null;
        entry = new Entry(stamp, new LayerFile(hash, () =>
        {
            var layer = MagickCodec.Decode(bytes, image, options);
            Account(entry!, layer.SizeInBytes);
            return layer;
        }));
        return entry;
    }

    private void Account(Entry entry, long bytes)
    {
        lock (budgetLock)
        {
            entry.Bytes = bytes;
            entry.Node = decodedByAge.AddFirst(entry);
            decodedBytes += bytes;
            var budget = (long)options.LayerCacheMegabytes * 1024 * 1024;
            while (decodedBytes > budget && decodedByAge.Last is { } oldest && oldest.Value != entry)
            {
                decodedByAge.RemoveLast();
                decodedBytes -= oldest.Value.Bytes;
                oldest.Value.Node = null;

                // Dropping the entry (not just its pixels) means the next use re-reads and re-decodes the file.
                foreach (var pair in entries)
                {
                    if (ReferenceEquals(pair.Value, oldest.Value))
                    {
                        entries.TryRemove(pair);
                        break;
                    }
                }
            }
        }
    }

    private void Touch(Entry entry)
    {
        lock (budgetLock)
        {
            if (entry.Node is { } node && node != decodedByAge.First)
            {
                decodedByAge.Remove(node);
                decodedByAge.AddFirst(node);
            }
        }
    }

    private sealed class Entry((long Length, long Ticks) stamp, LayerFile file)
    {
        public (long Length, long Ticks) Stamp { get; } = stamp;

        public LayerFile File { get; } = file;

        public long Bytes { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }
    }
}
