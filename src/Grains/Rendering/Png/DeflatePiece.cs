namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// Compressed rows that can be joined with other pieces into one zlib stream: non-final deflate blocks ending on a
/// byte boundary, the Adler-32 of the raw bytes they hold, and that raw length.
/// </summary>
internal readonly record struct DeflatePiece(ReadOnlyMemory<byte> Deflate, uint Adler, long RawLength)
{
    /// <summary>A copy that outlives the deflater's reusable buffer.</summary>
    public DeflatePiece Detach() => this with { Deflate = Deflate.ToArray() };
}
