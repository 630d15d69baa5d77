using System.IO.Compression;

namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// How a PNG is filtered and compressed, read from the spec's quality the way ImageMagick reads a PNG quality:
/// the tens digit is the zlib effort (0 = Huffman only), the ones digit the row filter (0-4 one filter for every
/// row, 5 and above adaptive per row); and from the spec's <see cref="OutputEffort"/>, which raises the zlib level
/// where it pays and tries whole-band filters (<see cref="PlanFor"/>).
/// </summary>
/// <remarks>
/// .NET's zlib is zlib-ng, which at a given level is faster than ImageMagick's zlib and compresses differently, so an
/// effort digit maps to the lowest zlib-ng level that wrote files no larger than ImageMagick 6's at that digit on the
/// 500x800 bench trophy (adaptive filters): ImageMagick's default 75 (zlib 7) becomes zlib-ng 4, at 0.99x its bytes
/// and a fraction of its time. That holds for textured parts; on smooth ones (gradients, glows, flat art) zlib-ng 4
/// wrote up to 1.12x ImageMagick's bytes (bench/corpus.sh), and there higher levels win much more for their time.
/// </remarks>
internal sealed record PngSettings(int ZLibLevel, ZLibCompressionStrategy Strategy, byte Filter, OutputEffort Effort = OutputEffort.Fast)
{
    /// <summary>
    /// Mean absolute residual per non-zero filtered byte below which a band counts as smooth: gradients and glows
    /// measured under 2, textured parts and flat art with sharp edges 8 and above, mixed thumbnails about 3 (transparent
    /// rows, all zeros, would make any band look smooth, hence the non-zero bytes only).
    /// </summary>
    public const double SmoothResidual = 2.5;

    /// <summary>
    /// Below this mean residual a band is part smooth, part textured (the bench trophy is about 1): two zlib levels more
    /// save about 3 % there for twice the time, so only pieces compressed once and reused get them (bench-900: 1.3 % fewer
    /// bytes, 0.99x the baseline's, for about 5 % more CPU).
    /// </summary>
    public const double MixedResidual = 1.5;

    /// <summary>
    /// Whole-band filters a smooth band also tries at the default effort: on gradients and glows one of them often
    /// beats the per-row choice by 5 to 15 %, because summed residuals do not see the long repeats Up and Sub make.
    /// They are compared at zlib-ng level 1, which is cheap and picked a filter that beat the per-row choice at level 6
    /// on every smooth corpus member (neither the residual sums nor the count of non-zero bytes did). The winner is
    /// compressed one level above the quality's (two for a reused piece): at two a gradient's band took about 25 % more
    /// CPU for 2 % fewer bytes.
    /// </summary>
    private static readonly byte[] SmoothTrials = [PngRowFilter.Sub, PngRowFilter.Up];

    /// <summary>Whole-band filters every adaptive band tries at <see cref="OutputEffort.Max"/>.</summary>
    private static readonly byte[] MaxTrials = [PngRowFilter.None, PngRowFilter.Sub, PngRowFilter.Up, PngRowFilter.Paeth];

    private static readonly int[] LevelForEffort = [1, 2, 2, 3, 3, 4, 4, 4, 5, 6];

    public static PngSettings FromQuality(int quality, OutputEffort effort = OutputEffort.Default)
    {
        var digit = Math.Clamp(quality / 10, 0, 9);
        var filter = (byte)Math.Min(quality % 10, PngRowFilter.Adaptive);
        return new PngSettings(
            LevelForEffort[digit],
            digit == 0 ? ZLibCompressionStrategy.HuffmanOnly : ZLibCompressionStrategy.Default,
            filter,
            effort);
    }

    /// <summary>
    /// How to compress a band of <paramref name="rawLength"/> filtered bytes whose adaptive filter left residuals
    /// summing to <paramref name="residualSum"/> (0 with a fixed filter, which is then not read as smooth) over
    /// <paramref name="nonZero"/> non-zero bytes; <paramref name="reused"/> when the piece is cached for many images.
    /// </summary>
    public PngBandPlan PlanFor(long residualSum, int nonZero, int rawLength, bool reused)
    {
        if (Strategy == ZLibCompressionStrategy.HuffmanOnly || Effort == OutputEffort.Fast)
        {
            return new PngBandPlan(ZLibLevel, [], 0);
        }

        // A quality whose ones digit names one filter keeps that filter at every effort.
        var adaptive = Filter == PngRowFilter.Adaptive && rawLength > 0;
        if (Effort == OutputEffort.Max)
        {
            return new PngBandPlan(9, adaptive ? MaxTrials : [], 4);
        }

        var mean = adaptive ? (double)residualSum / rawLength : double.MaxValue;
        return adaptive && (double)residualSum / Math.Max(1, nonZero) < SmoothResidual
            ? new PngBandPlan(Math.Min(9, ZLibLevel + (reused ? 2 : 1)), SmoothTrials, 1)
            : new PngBandPlan(Math.Min(9, ZLibLevel + (reused && mean < MixedResidual ? 2 : 0)), [], 0);
    }
}
