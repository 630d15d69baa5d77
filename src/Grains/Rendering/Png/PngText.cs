using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// A <c>tEXt</c> chunk (keyword, NUL, text; Latin-1) that the encoder writes right after IHDR, as given: the encoder
/// does not know what the text means.
/// </summary>
public readonly record struct PngText(string Keyword, string Text)
{
    /// <summary>Bytes of the whole chunk: length, type, keyword, NUL, text, CRC.</summary>
    public int ChunkLength => 12 + DataLength;

    private int DataLength => Keyword.Length + 1 + Text.Length;

    /// <summary>Writes the whole chunk at the start of <paramref name="destination"/> (<see cref="ChunkLength"/> bytes).</summary>
    public void WriteChunk(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, DataLength);
        "tEXt"u8.CopyTo(destination[4..]);
        var at = 8 + Encoding.Latin1.GetBytes(Keyword, destination[8..]);
        destination[at++] = 0;
        at += Encoding.Latin1.GetBytes(Text, destination[at..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[at..], Crc32.HashToUInt32(destination.Slice(4, 4 + DataLength)));
    }
}
