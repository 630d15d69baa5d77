namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// Encodes a run of images that equal one base image except in a band of rows, compressing only the band. The
/// rows above and below it are compressed once per base and cached as <see cref="DeflatePiece"/>s, then joined with
/// the band's piece into one zlib stream. This is how the renderer's reuse of the lower slots' composite carries over
/// to encoding, which is most of a render's cost: only the rows the top layer covers are compressed per image.
/// </summary>
/// <remarks>
/// A PNG row's filter reads the row above, so the first row below the band is compressed with the band. Filter
/// choice depends only on a row and the row above, so the joined file holds exactly the filtered bytes a one-piece
/// encoding would; only the deflate blocks differ (each piece starts with an empty dictionary, a few hundred bytes).
/// One instance per thread: it owns reusable buffers, and a returned span is valid until the next call. The cached
/// pieces live in a <see cref="DeflatePieceCache"/> shared with the other threads.
/// </remarks>
internal sealed class PngBandEncoder(int width, int height, PngSettings settings, DeflatePieceCache cache)
{
    private readonly PngDeflater deflater = new(settings);
    private readonly DeflatePiece[] pieces = new DeflatePiece[3];
    private byte[] baseRgba = [];
    private UInt128 baseKey;
    private byte[] output = [];

    public PngSettings Settings => settings;

    /// <summary>
    /// Takes a new base image (kept by reference: it must not change until the next call). <paramref name="key"/>
    /// names its content and this encoder's settings: equal keys must mean equal pixels and settings.
    /// </summary>
    public void SetBase(byte[] rgba, UInt128 key)
    {
        baseRgba = rgba;
        baseKey = key;
    }

    /// <summary>Encodes <paramref name="rgba"/>, which equals the base outside rows [<paramref name="bandTop"/>, <paramref name="bandBottom"/>).</summary>
    public ReadOnlySpan<byte> Encode(ReadOnlySpan<byte> rgba, int bandTop, int bandBottom, ReadOnlySpan<PngText> texts)
    {
        if (bandTop >= bandBottom)
        {
            (bandTop, bandBottom) = (0, 0);
        }
        else
        {
            bandBottom = Math.Min(height, bandBottom + 1);
        }

        var count = 0;
        if (bandTop > 0)
        {
            pieces[count++] = Cached(0, bandTop);
        }

        var tail = bandBottom < height ? Cached(bandBottom, height) : default;

        // The band's piece lives in the deflater's buffer, so it is made after the cached ones.
        if (bandBottom > bandTop)
        {
            pieces[count++] = deflater.CompressRows(rgba, width, bandTop, bandBottom);
        }

        if (bandBottom < height)
        {
            pieces[count++] = tail;
        }

        var used = pieces.AsSpan(0, count);
        var length = PngEncoder.Length(texts, used);
        if (output.Length < length)
        {
            output = new byte[length + (length / 8)];
        }

        PngEncoder.Write(output, width, height, texts, deflater.Header, used);
        return output.AsSpan(0, length);
    }

    private DeflatePiece Cached(int rowStart, int rowEnd)
    {
        var rgba = baseRgba;
        return cache.GetOrAdd(DeflatePieceCache.KeyOf(baseKey, rowStart, rowEnd), () => deflater.CompressRows(rgba, width, rowStart, rowEnd, reused: true).Detach());
    }
}
