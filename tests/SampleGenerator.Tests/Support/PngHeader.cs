using System.Buffers.Binary;
using System.Text;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>The IHDR fields of a PNG file, read by hand so the test does not trust any decoder for them.</summary>
public sealed record PngHeader(int Width, int Height, int BitDepth, int ColourType)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Null when the bytes do not start with a PNG signature followed by an IHDR chunk.</summary>
    public static PngHeader? TryRead(ReadOnlySpan<byte> file)
    {
        if (file.Length < 33 || !file[..8].SequenceEqual(Signature))
        {
            return null;
        }

        if (BinaryPrimitives.ReadInt32BigEndian(file[8..]) != 13 || Encoding.ASCII.GetString(file.Slice(12, 4)) != "IHDR")
        {
            return null;
        }

        return new PngHeader(
            BinaryPrimitives.ReadInt32BigEndian(file[16..]),
            BinaryPrimitives.ReadInt32BigEndian(file[20..]),
            file[24],
            file[25]);
    }
}
