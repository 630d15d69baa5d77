using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Rendering.Png;

/// <summary>
/// Compressed rows of lower-slot composites, shared by every range rendered in the process. A job's batches are
/// small ranges that often start in the middle of one prefix (the lower slots' choices) and run on different
/// workers at the same moment; without sharing, each would compress that prefix's rows above and below the top
/// layer again. Keys name the content (see <see cref="KeyOf"/>), so equal prefixes of different jobs share too.
/// Pieces are immutable; the least recently used finished ones go first once <see cref="BudgetBytes"/> or the piece
/// limit is exceeded. Only the prefixes of batches in flight are worth keeping (a few per render worker), so the
/// batch renderer's bounds are small: the cache must not grow with the job. The on-request renderer keeps a larger one
/// of its own (<see cref="StripRenderer"/>).
/// </summary>
/// <param name="budgetBytes">Compressed bytes of finished pieces kept.</param>
/// <param name="maxPieces">Pieces kept however small: bounds the bookkeeping beside the bytes.</param>
internal sealed class DeflatePieceCache(long budgetBytes, int maxPieces = DeflatePieceCache.MaxPieces)
{
    public const long DefaultBudgetBytes = 16L * 1024 * 1024;
    public const int MaxPieces = 64;

    private readonly Lock gate = new();
    private readonly Dictionary<(UInt128 Prefix, int Rows), Entry> entries = [];
    private readonly LinkedList<(UInt128 Prefix, int Rows)> finishedByUse = new();
    private long bytes;

    public long BudgetBytes => budgetBytes;

    /// <summary>Finished pieces held.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return finishedByUse.Count;
            }
        }
    }

    /// <summary>Bytes of the finished pieces held.</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>
    /// The key of a band of rows of a prefix image: <paramref name="rowStart"/> 0 means rows above
    /// <paramref name="rowEnd"/>, otherwise the rows from <paramref name="rowStart"/> to the bottom.
    /// </summary>
    public static (UInt128 Prefix, int Rows) KeyOf(UInt128 prefix, int rowStart, int rowEnd) => (prefix, rowStart == 0 ? -rowEnd : rowStart);

    /// <summary>
    /// The piece for <paramref name="key"/>, made by <paramref name="compress"/> (which must return a detached piece)
    /// when no one has made it. A caller asking for a piece another is making waits for it rather than making it too.
    /// </summary>
    public DeflatePiece GetOrAdd((UInt128 Prefix, int Rows) key, Func<DeflatePiece> compress)
    {
        Entry? entry;
        lock (gate)
        {
            if (!entries.TryGetValue(key, out entry))
            {
                entry = new Entry(new Lazy<DeflatePiece>(compress, LazyThreadSafetyMode.ExecutionAndPublication));
                entries.Add(key, entry);
            }
            else if (entry.Node is { } used)
            {
                finishedByUse.Remove(used);
                finishedByUse.AddLast(used);
            }
        }

        DeflatePiece piece;
        try
        {
            piece = entry.Piece.Value;
        }
        catch
        {
            // A failed compression is not kept: the next caller tries again.
            lock (gate)
            {
                if (entries.TryGetValue(key, out var current) && current == entry)
                {
                    entries.Remove(key);
                }
            }

            throw;
        }

        lock (gate)
        {
            // Counted once, by whichever caller gets here first; only finished pieces are ever evicted.
            if (!entry.Counted)
            {
                entry.Counted = true;
                bytes += piece.Deflate.Length;
                entry.Node = finishedByUse.AddLast(key);
                while ((bytes > budgetBytes || finishedByUse.Count > maxPieces) && finishedByUse.First is { } oldest && oldest != entry.Node)
                {
                    finishedByUse.RemoveFirst();
                    if (entries.Remove(oldest.Value, out var dropped))
                    {
                        bytes -= dropped.Piece.Value.Deflate.Length;
                    }
                }
            }
        }

        return piece;
    }

    private sealed class Entry(Lazy<DeflatePiece> piece)
    {
        public Lazy<DeflatePiece> Piece { get; } = piece;

        public bool Counted { get; set; }

        /// <summary>The piece's place in the use order, once finished.</summary>
        public LinkedListNode<(UInt128 Prefix, int Rows)>? Node { get; set; }
    }
}
