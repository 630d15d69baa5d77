using System.Buffers.Binary;
using System.IO.Compression;

namespace K2Orleans.Grains.Rendering;

/// <summary>
/// Filters and compresses bands of rows of an 8-bit RGBA image into <see cref="DeflatePiece"/>s. Each band is its own
/// zlib stream cut at a sync flush, so bands compressed at different times (or cached) join into one valid stream.
/// Owns reusable buffers: one instance per thread, and a returned piece is valid until the next call.
/// </summary>
internal sealed class PngDeflater
{
    private readonly PngSettings settings;
    private readonly MemoryStream compressed = new();
    private byte[] filtered = [];
    private byte[] scratch = [];
    private byte[] zeroRow = [];

    public PngDeflater(PngSettings settings)
    {
        this.settings = settings;

        // The header depends only on the settings; known up front, a file made of cached pieces alone still has it.
        Compress([0]);
    }

    /// <summary>The two zlib header bytes every piece of this deflater's settings starts with.</summary>
    public ushort Header { get; private set; }

    public PngSettings Settings => settings;

    /// <summary>Filters rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and compresses them.</summary>
    public DeflatePiece CompressRows(ReadOnlySpan<byte> rgba, int width, int rowStart, int rowEnd)
    {
        var stride = width * PngRowFilter.BytesPerPixel;
        var rawLength = (rowEnd - rowStart) * (stride + 1);
        Grow(ref filtered, rawLength);
        Grow(ref scratch, 4 * stride);
        Grow(ref zeroRow, stride);
        for (var y = rowStart; y < rowEnd; y++)
        {
            var previous = y == 0 ? zeroRow.AsSpan(0, stride) : rgba.Slice((y - 1) * stride, stride);
            PngRowFilter.FilterRow(rgba.Slice(y * stride, stride), previous, settings.Filter, filtered.AsSpan((y - rowStart) * (stride + 1), stride + 1), scratch);
        }

        return Compress(filtered.AsSpan(0, rawLength));
    }

    private DeflatePiece Compress(ReadOnlySpan<byte> raw)
    {
        compressed.SetLength(0);
        long flushedEnd;
        using (var zlib = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = settings.ZLibLevel, CompressionStrategy = settings.Strategy }, leaveOpen: true))
        {
            zlib.Write(raw);

            // A sync flush ends the data on a byte boundary with non-final blocks; what Dispose adds after it (a final
            // empty block and the Adler-32) is read for the checksum and otherwise dropped.
            zlib.Flush();
            flushedEnd = compressed.Length;
        }

        var bytes = compressed.GetBuffer();
        Header = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var adler = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)compressed.Length - 4));
        return new DeflatePiece(bytes.AsMemory(2, (int)flushedEnd - 2), adler, raw.Length);
    }

    private static void Grow(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length];
        }
    }
}
