using System.Buffers.Binary;
using System.Text;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Rendering.Output;

/// <summary>
/// Stores an image's input fingerprint inside the image file, where every image viewer ignores it:
/// a PNG <c>tEXt</c> chunk right after IHDR, a JPEG comment right after SOI, a WebP RIFF chunk at the end.
/// Keeping it in the file (not a side database) makes the stamp and the pixels appear atomically together, and
/// lets several hosts share an output folder with no shared index to lock.
/// </summary>
public static class FingerprintStamp
{
    /// <summary>Bytes of the PNG <c>tEXt</c> chunk: length, type, "k2fp", NUL, 32 hex digits, CRC.</summary>
    public const int PngChunkLength = 12 + 5 + HexLength;

    private const string Keyword = "k2fp";
    private const int HexLength = 32;
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] WebPChunk = "K2FP"u8.ToArray();

    public static byte[] Embed(byte[] image, OutputFormat format, string fingerprintHex) => format switch
    {
        OutputFormat.Png => EmbedPng(image, fingerprintHex),
        OutputFormat.Jpg => EmbedJpeg(image, fingerprintHex),
        _ => EmbedWebP(image, fingerprintHex),
    };

    /// <summary>The fingerprint stored in the file, or null when there is none or the file is unreadable.</summary>
    public static string? Read(string path, OutputFormat format)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            Span<byte> buffer = stackalloc byte[80];
            if (format == OutputFormat.Webp)
            {
                if (stream.Length < 12 + 8 + HexLength)
                {
                    return null;
                }

                stream.Seek(-(8 + HexLength), SeekOrigin.End);
                var tail = buffer[..(8 + HexLength)];
                stream.ReadExactly(tail);
                return tail[..4].SequenceEqual(WebPChunk) ? Encoding.ASCII.GetString(tail[8..]) : null;
            }

            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return format == OutputFormat.Png ? ParsePng(buffer[..read]) : ParseJpeg(buffer[..read]);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The fingerprint stored in a whole file's bytes, or null when there is none.</summary>
    public static string? Parse(ReadOnlySpan<byte> file, OutputFormat format)
    {
        if (format == OutputFormat.Webp)
        {
            if (file.Length < 12 + 8 + HexLength)
            {
                return null;
            }

            var tail = file[^(8 + HexLength)..];
            return tail[..4].SequenceEqual(WebPChunk) ? Encoding.ASCII.GetString(tail[8..]) : null;
        }

        var head = file[..Math.Min(file.Length, 80)];
        return format == OutputFormat.Png ? ParsePng(head) : ParseJpeg(head);
    }

    /// <summary>The fingerprint as the PNG <c>tEXt</c> chunk that belongs right after IHDR (<see cref="PngChunkLength"/> bytes).</summary>
    public static PngText AsPngText(string hex) => hex.Length == HexLength
        ? new PngText(Keyword, hex)
        : throw new ArgumentException($"a fingerprint is {HexLength} hex digits, got '{hex}'", nameof(hex));

    private static byte[] EmbedPng(byte[] png, string hex)
    {
        // Signature (8) + IHDR chunk (4 length + 4 type + 13 data + 4 CRC) = 33 bytes, always first.
        const int AfterIhdr = 33;
        var result = new byte[png.Length + PngChunkLength];
        png.AsSpan(0, AfterIhdr).CopyTo(result);
        AsPngText(hex).WriteChunk(result.AsSpan(AfterIhdr));
        png.AsSpan(AfterIhdr).CopyTo(result.AsSpan(AfterIhdr + PngChunkLength));
        return result;
    }

    private static string? ParsePng(ReadOnlySpan<byte> head)
    {
        const int Start = 33 + 8;
        var prefix = Encoding.ASCII.GetBytes($"{Keyword}\0");
        if (head.Length < Start + prefix.Length + HexLength || !head[..8].SequenceEqual(PngSignature)
            || !head.Slice(37, 4).SequenceEqual("tEXt"u8) || !head.Slice(Start, prefix.Length).SequenceEqual(prefix))
        {
            return null;
        }

        return Encoding.ASCII.GetString(head.Slice(Start + prefix.Length, HexLength));
    }

    private static byte[] EmbedJpeg(byte[] jpeg, string hex)
    {
        var data = Encoding.ASCII.GetBytes($"{Keyword}:{hex}");
        var segment = new byte[4 + data.Length];
        segment[0] = 0xFF;
        segment[1] = 0xFE;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + data.Length));
        data.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static string? ParseJpeg(ReadOnlySpan<byte> head)
    {
        var prefix = Encoding.ASCII.GetBytes($"{Keyword}:");
        if (head.Length < 6 + prefix.Length + HexLength || head[0] != 0xFF || head[1] != 0xD8 || head[2] != 0xFF || head[3] != 0xFE
            || !head.Slice(6, prefix.Length).SequenceEqual(prefix))
        {
            return null;
        }

        return Encoding.ASCII.GetString(head.Slice(6 + prefix.Length, HexLength));
    }

    private static byte[] EmbedWebP(byte[] webp, string hex)
    {
        // RIFF readers skip chunks they do not know; the RIFF size grows by the new chunk (even length, no padding).
        var result = new byte[webp.Length + 8 + HexLength];
        webp.CopyTo(result, 0);
        WebPChunk.CopyTo(result, webp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(webp.Length + 4), HexLength);
        Encoding.ASCII.GetBytes(hex).CopyTo(result, webp.Length + 8);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), result.Length - 8);
        return result;
    }
}
