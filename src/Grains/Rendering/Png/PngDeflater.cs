using System.Buffers.Binary;
using System.IO.Compression;

namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// Filters and compresses bands of rows of an 8-bit RGBA image into <see cref="DeflatePiece"/>s. Each band is its own
/// zlib stream cut at a sync flush, so bands compressed at different times (or cached) join into one valid stream.
/// The zlib level and, at maximum effort, the filter are chosen per band (<see cref="PngSettings"/>); neither changes
/// the pixels, and a piece's filters read only its own rows and the raw row above, so pieces still join.
/// Owns reusable buffers: one instance per thread, and a returned piece is valid until the next call.
/// </summary>
internal sealed class PngDeflater
{
    private readonly PngSettings settings;
    private readonly MemoryStream compressed = new();
    private readonly MemoryStream trial = new();
    private byte[] filtered = [];
    private byte[] scratch = [];
    private byte[] zeroRow = [];

    public PngDeflater(PngSettings settings)
    {
        this.settings = settings;

        // The header depends only on the settings; known up front, a file made of cached pieces alone still has it.
        // Its level bits are informative only, so bands compressed at other levels share it.
        Compress(compressed, [0], settings.ZLibLevel);
        Header = BinaryPrimitives.ReadUInt16BigEndian(compressed.GetBuffer());
    }

    /// <summary>The two zlib header bytes every file of this deflater's pieces starts with.</summary>
    public ushort Header { get; }

    public PngSettings Settings => settings;

    /// <summary>
    /// Filters rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and compresses them; <paramref name="reused"/>
    /// when the piece is cached for many images, which makes compressing it harder worth more.
    /// </summary>
    public DeflatePiece CompressRows(ReadOnlySpan<byte> rgba, int width, int rowStart, int rowEnd, bool reused = false)
    {
        var stride = width * PngRowFilter.BytesPerPixel;
        var rawLength = (rowEnd - rowStart) * (stride + 1);
        Grow(ref filtered, rawLength);
        Grow(ref scratch, 4 * stride);
        Grow(ref zeroRow, stride);
        var residuals = Filter(rgba, stride, rowStart, rowEnd, settings.Filter);
        var nonZero = rawLength - filtered.AsSpan(0, rawLength).Count((byte)0);
        var plan = settings.PlanFor(residuals, nonZero, rawLength, reused);
        if (plan.Trials.Length > 0)
        {
            var (best, last) = (settings.Filter, settings.Filter);
            var bestLength = Compress(trial, filtered.AsSpan(0, rawLength), plan.TrialLevel);
            foreach (var candidate in plan.Trials)
            {
                if (candidate == settings.Filter)
                {
                    continue;
                }

                Filter(rgba, stride, rowStart, rowEnd, last = candidate);
                var length = Compress(trial, filtered.AsSpan(0, rawLength), plan.TrialLevel);
                if (length < bestLength)
                {
                    (best, bestLength) = (candidate, length);
                }
            }

            if (best != last)
            {
                Filter(rgba, stride, rowStart, rowEnd, best);
            }
        }

        var raw = filtered.AsSpan(0, rawLength);
        var flushedEnd = Compress(compressed, raw, plan.Level);
        var bytes = compressed.GetBuffer();
        var adler = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)compressed.Length - 4));
        return new DeflatePiece(bytes.AsMemory(2, (int)flushedEnd - 2), adler, raw.Length);
    }

    /// <summary>Filters the rows into <see cref="filtered"/>; returns the adaptive filter's sum of residuals.</summary>
    private long Filter(ReadOnlySpan<byte> rgba, int stride, int rowStart, int rowEnd, byte mode)
    {
        long residuals = 0;
        for (var y = rowStart; y < rowEnd; y++)
        {
            var previous = y == 0 ? zeroRow.AsSpan(0, stride) : rgba.Slice((y - 1) * stride, stride);
            residuals += PngRowFilter.FilterRow(rgba.Slice(y * stride, stride), previous, mode, filtered.AsSpan((y - rowStart) * (stride + 1), stride + 1), scratch);
        }

        return residuals;
    }

    /// <summary>Compresses into <paramref name="output"/>; returns where the data ends before the final block and checksum.</summary>
    private long Compress(MemoryStream output, ReadOnlySpan<byte> raw, int level)
    {
        output.SetLength(0);
        long flushedEnd;
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level, CompressionStrategy = settings.Strategy }, leaveOpen: true))
        {
            zlib.Write(raw);

            // A sync flush ends the data on a byte boundary with non-final blocks; what Dispose adds after it (a final
            // empty block and the Adler-32) is read for the checksum and otherwise dropped.
            zlib.Flush();
            flushedEnd = output.Length;
        }

        return flushedEnd;
    }

    private static void Grow(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }
    }
}
