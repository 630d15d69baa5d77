using System.IO.Compression;

namespace K2Orleans.Grains.Rendering;

/// <summary>
/// How a PNG is filtered and compressed, read from the spec's quality the way ImageMagick reads a PNG quality:
/// the tens digit is the zlib effort (0 = Huffman only), the ones digit the row filter (0-4 one filter for every
/// row, 5 and above adaptive per row).
/// </summary>
/// <remarks>
/// .NET's zlib is zlib-ng, which at a given level is faster than ImageMagick's zlib and compresses differently, so an
/// effort digit maps to the lowest zlib-ng level that wrote files no larger than ImageMagick 6's at that digit on the
/// 500x800 bench trophy (adaptive filters): ImageMagick's default 75 (zlib 7) becomes zlib-ng 4, at 0.99x its bytes
/// and a fraction of its time.
/// </remarks>
internal sealed record PngSettings(int ZLibLevel, ZLibCompressionStrategy Strategy, byte Filter)
{
    private static readonly int[] LevelForEffort = [1, 2, 2, 3, 3, 4, 4, 4, 5, 6];

    public static PngSettings FromQuality(int quality)
    {
        var effort = Math.Clamp(quality / 10, 0, 9);
        var filter = (byte)Math.Min(quality % 10, PngRowFilter.Adaptive);
        return new PngSettings(
            LevelForEffort[effort],
            effort == 0 ? ZLibCompressionStrategy.HuffmanOnly : ZLibCompressionStrategy.Default,
            filter);
    }
}
