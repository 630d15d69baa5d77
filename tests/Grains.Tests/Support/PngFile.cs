using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>
/// An independent, textbook reading of a PNG for checks: chunks with their CRCs verified, and the image data inflated
/// (zlib checks the Adler-32) and unfiltered back to RGBA. Only what the renderer writes: 8-bit RGBA, no interlace.
/// </summary>
public sealed class PngFile
{
    private PngFile(IReadOnlyList<(string Type, byte[] Data)> chunks) => Chunks = chunks;

    public IReadOnlyList<(string Type, byte[] Data)> Chunks { get; }

    public int Width => BinaryPrimitives.ReadInt32BigEndian(Chunks[0].Data);

    public int Height => BinaryPrimitives.ReadInt32BigEndian(Chunks[0].Data.AsSpan(4));

    public static PngFile Parse(byte[] file)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.Equal(signature, file[..8]);
        var chunks = new List<(string, byte[])>();
        var at = 8;
        while (at < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.Equal(Crc32.HashToUInt32(file.AsSpan(at + 4, 4 + length)), crc);
            chunks.Add((type, data));
            at += 12 + length;
        }

        Assert.Equal(file.Length, at);
        return new PngFile(chunks);
    }

    /// <summary>The filter type byte of every row, and the straight RGBA pixels.</summary>
    public (byte[] FilterTypes, byte[] Rgba) Decode()
    {
        var header = Chunks[0].Data;
        Assert.Equal(new byte[] { 8, 6, 0, 0, 0 }, header[8..]);
        using var compressed = new MemoryStream([.. Chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data)]);
        using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var stride = Width * 4;
        var filtered = raw.ToArray();
        Assert.Equal(Height * (stride + 1), filtered.Length);
        var types = new byte[Height];
        var rgba = new byte[Height * stride];
        for (var y = 0; y < Height; y++)
        {
            types[y] = filtered[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= 4 ? rgba[(y * stride) + i - 4] : 0;
                int up = y > 0 ? rgba[((y - 1) * stride) + i] : 0;
                int upLeft = i >= 4 && y > 0 ? rgba[((y - 1) * stride) + i - 4] : 0;
                var predictor = types[y] switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"row {y} has filter type {types[y]}"),
                };
                rgba[(y * stride) + i] = (byte)(filtered[(y * (stride + 1)) + 1 + i] + predictor);
            }
        }

        return (types, rgba);
    }

    public static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left), toUp = Math.Abs(estimate - up), toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
