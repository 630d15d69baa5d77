using System.Collections.Concurrent;
using System.IO.Hashing;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.Rendering.Layers;

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
    public LayerFile Get(string assetRoot, string image) => Get(AssetRoot.Resolve(assetRoot), image);

    /// <summary>The asset root of a spec, resolved once for the several layers one render or request reads.</summary>
    public static AssetRoot Root(string assetRoot) => AssetRoot.Resolve(assetRoot);

    /// <summary>The layer <paramref name="image"/> under a root resolved by <see cref="Root"/>.</summary>
    public LayerFile Get(AssetRoot root, string image) => Get(root, image, retried: false);

    private LayerFile Get(AssetRoot root, string image, bool retried)
    {
        if (PathSafety.FindExistingFile(root, image, out var reason) is not { } found)
        {
            return new LayerFile(image, reason!);
        }

        if (LayerFileProblem(found) is { } problem)
        {
            // Not cached: the file may be replaced by a good one, and nothing was read.
            return new LayerFile(image, problem);
        }

        var path = found.RealPath;
        var stamp = (found.Length, found.ModifiedTicks);
        if (entries.TryGetValue(path, out var existing) && existing.Stamp == stamp)
        {
            Touch(existing);
            return existing.File;
        }

        if (Load(found, image, stamp) is not { } entry)
        {
            // The real path remembered for this file no longer leads to it (a folder on its way was moved), or it went
            // away between the look and the read: looked up afresh once, and not cached if it still moves.
            PathSafety.ForgetResolvedPaths();
            return retried
                ? new LayerFile(image, "changed while being read (moved or replaced); it is looked up again on the next use")
                : Get(root, image, retried: true);
        }

        entries[path] = entry;
        return entry.File;
    }

    /// <summary>
    /// Reads and decodes every layer of <paramref name="spec"/> now (within the memory budget), so the first renders
    /// find them ready. A layer that cannot be read or decoded is left for the render that needs it to report.
    /// </summary>
    public void Preload(TrophySpec spec)
    {
        var root = Root(spec.AssetRoot);
        foreach (var option in spec.Slots.SelectMany(slot => slot.Options))
        {
            var layer = Get(root, option.Image);
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

    /// <summary>The file's bytes and hash; null when the path now leads to another file than the one looked at.</summary>
    private Entry? Load(FoundFile found, string image, (long, long) stamp)
    {
        byte[] bytes;
        try
        {
            if (ReadAtMost(found, options.MaxLayerFileBytes) is not { } read)
            {
                return null;
            }

            bytes = read;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone since it was looked at: nothing to remember under this stamp.
            return null;
        }
        catch (IOException e)
        {
            return new Entry(stamp, new LayerFile(image, $"cannot be read: {e.Message}"));
        }
        catch (UnauthorizedAccessException e)
        {
            return new Entry(stamp, new LayerFile(image, $"cannot be read: {e.Message}"));
        }

        if (!MagickCodec.IsPng(bytes))
        {
            return new Entry(stamp, new LayerFile(image, "cannot be decoded: it is not a PNG file (layers are PNG, whatever the file's name)"));
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

    /// <summary>
    /// Why a layer file must not be opened: only a regular file of some size is read. A FIFO would block the read
    /// forever and a device such as /dev/zero never ends; the kernel reports both (and sockets) with size 0, like an
    /// empty file, which is no image either.
    /// </summary>
    private string? LayerFileProblem(FoundFile file)
    {
        if (file.Length == 0 || file.IsSpecial)
        {
            return "is empty or not a regular file (a FIFO, device or socket)";
        }

        return file.Length > options.MaxLayerFileBytes
            ? $"is {file.Length:N0} bytes, over the limit of {options.MaxLayerFileBytes:N0} (Rendering:MaxLayerFileBytes)"
            : null;
    }

    /// <summary>Reads the file, refusing it if it has grown past <paramref name="limit"/> since it was looked at.</summary>
    /// <returns>Null when the file opened is not the one looked at (<see cref="FoundFile.Identity"/>).</returns>
    private static byte[]? ReadAtMost(FoundFile found, long limit)
    {
        using var stream = new FileStream(found.RealPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
        if (found.Identity is { } expected && LinuxFiles.Status((int)stream.SafeFileHandle.DangerousGetHandle()) is { } opened && opened.Identity != expected)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)Math.Min(stream.Length, limit));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new IOException($"it grew past the limit of {limit:N0} bytes (Rendering:MaxLayerFileBytes) while being read");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
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
