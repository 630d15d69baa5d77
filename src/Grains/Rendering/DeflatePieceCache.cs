namespace K2Orleans.Grains.Rendering;

/// <summary>
/// Compressed rows of lower-slot composites, shared by every range rendered in the process. A job's batches are
/// small ranges that often start in the middle of one prefix (the lower slots' choices) and run on different
/// workers; without sharing, each would compress that prefix's rows above and below the top layer again.
/// Keys name the content (see <see cref="KeyOf"/>), so equal prefixes of different jobs share too. Pieces are
/// immutable; the oldest go first once <see cref="BudgetBytes"/> is exceeded.
/// </summary>
internal sealed class DeflatePieceCache(long budgetBytes)
{
    public const long DefaultBudgetBytes = 32L * 1024 * 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<(UInt128 Prefix, int Rows), DeflatePiece> pieces = [];
    private readonly Queue<(UInt128 Prefix, int Rows)> age = new();
    private long bytes;

    public long BudgetBytes => budgetBytes;

    /// <summary>
    /// The key of a band of rows of a prefix image: <paramref name="rowStart"/> 0 means rows above
    /// <paramref name="rowEnd"/>, otherwise the rows from <paramref name="rowStart"/> to the bottom.
    /// </summary>
    public static (UInt128 Prefix, int Rows) KeyOf(UInt128 prefix, int rowStart, int rowEnd) => (prefix, rowStart == 0 ? -rowEnd : rowStart);

    public bool TryGet((UInt128 Prefix, int Rows) key, out DeflatePiece piece)
    {
        lock (gate)
        {
            return pieces.TryGetValue(key, out piece);
        }
    }

    /// <summary>Adds a detached piece; a piece added twice by racing workers is kept once.</summary>
    public void Add((UInt128 Prefix, int Rows) key, DeflatePiece piece)
    {
        lock (gate)
        {
            if (!pieces.TryAdd(key, piece))
            {
                return;
            }

            age.Enqueue(key);
            bytes += piece.Deflate.Length;
            while (bytes > budgetBytes && age.Count > 1 && age.Dequeue() is var oldest && pieces.Remove(oldest, out var dropped))
            {
                bytes -= dropped.Deflate.Length;
            }
        }
    }
}
