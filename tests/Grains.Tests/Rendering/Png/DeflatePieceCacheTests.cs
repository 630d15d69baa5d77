using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Tests.Rendering.Png;

public sealed class DeflatePieceCacheTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ShouldMakeAPieceOnceWhenTwoWorkersAskAtTheSameTime()
    {
        var cache = new DeflatePieceCache(DeflatePieceCache.DefaultBudgetBytes);
        var key = DeflatePieceCache.KeyOf(1, 0, 10);
        var made = 0;
        using var secondAsking = new ManualResetEventSlim();
        DeflatePiece Make()
        {
            Interlocked.Increment(ref made);
            Assert.True(secondAsking.Wait(Deadline), "the second worker never asked");
            return Piece(100);
        }

        var first = Task.Run(() => cache.GetOrAdd(key, Make));
        var second = Task.Run(() =>
        {
            secondAsking.Set();
            return cache.GetOrAdd(key, Make);
        });
        var pieces = await Task.WhenAll(first, second).WaitAsync(Deadline);

        Assert.Equal(1, made);
        Assert.Equal(pieces[0], pieces[1]);
    }

    [Fact]
    public void ShouldDropTheOldestPiecesOverBudgetAndMakeThemAgainWhenAsked()
    {
        var (cache, made) = Ask(1, 2, 3, 3, 2, 1);

        Assert.Equal([1, 2, 3, 1], made);
        Assert.Equal(200, cache.Bytes);
    }

    [Fact]
    public void ShouldDropTheLeastRecentlyUsedPieceFirst()
    {
        var (cache, made) = Ask(1, 2, 1, 3, 1, 2);

        Assert.Equal([1, 2, 3, 2], made);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void ShouldKeepNoMoreThanTheGivenNumberOfPieces()
    {
        var cache = new DeflatePieceCache(DeflatePieceCache.DefaultBudgetBytes, maxPieces: 3);
        for (var rows = 1; rows <= 10; rows++)
        {
            cache.GetOrAdd(DeflatePieceCache.KeyOf(5, rows, 99), () => Piece(1));
        }

        Assert.Equal((3, 3L), (cache.Count, cache.Bytes));
    }

    [Fact]
    public void ShouldKeepNoMoreThanMaxPiecesHoweverSmall()
    {
        var cache = new DeflatePieceCache(DeflatePieceCache.DefaultBudgetBytes);
        var made = 0;
        for (var rows = 1; rows <= DeflatePieceCache.MaxPieces + 10; rows++)
        {
            cache.GetOrAdd(DeflatePieceCache.KeyOf(9, rows, 99), () =>
            {
                made++;
                return Piece(1);
            });
        }

        cache.GetOrAdd(DeflatePieceCache.KeyOf(9, 1, 99), () =>
        {
            made++;
            return Piece(1);
        });

        Assert.Equal(DeflatePieceCache.MaxPieces + 11, made);
        Assert.Equal(DeflatePieceCache.MaxPieces, cache.Bytes);
    }

    [Fact]
    public void ShouldKeepNeitherAFailedPieceNorItsError()
    {
        var cache = new DeflatePieceCache(DeflatePieceCache.DefaultBudgetBytes);
        var key = DeflatePieceCache.KeyOf(3, 0, 5);

        Assert.Throws<IOException>(() => cache.GetOrAdd(key, () => throw new IOException("disk")));
        var piece = cache.GetOrAdd(key, () => Piece(10));

        Assert.Equal(10, piece.Deflate.Length);
    }

    [Fact]
    public void ShouldKeepPiecesOfDifferentPrefixesAndBandsApart()
    {
        var cache = new DeflatePieceCache(DeflatePieceCache.DefaultBudgetBytes);

        var above = cache.GetOrAdd(DeflatePieceCache.KeyOf(1, 0, 8), () => Piece(1));
        var below = cache.GetOrAdd(DeflatePieceCache.KeyOf(1, 8, 20), () => Piece(2));
        var otherPrefix = cache.GetOrAdd(DeflatePieceCache.KeyOf(2, 0, 8), () => Piece(3));

        Assert.Equal([1, 2, 3], new[] { above, below, otherPrefix }.Select(p => p.Deflate.Length));
    }

    private static DeflatePiece Piece(int length) => new(new byte[length], 1, length);

    /// <summary>Asks a 250-byte cache for 100-byte pieces named by their row counts, in order; returns what it had to make.</summary>
    private static (DeflatePieceCache Cache, List<int> Made) Ask(params int[] rows)
    {
        var cache = new DeflatePieceCache(250);
        var made = new List<int>();
        foreach (var row in rows)
        {
            cache.GetOrAdd(DeflatePieceCache.KeyOf(7, row, 99), () =>
            {
                made.Add(row);
                return Piece(100);
            });
        }

        return (cache, made);
    }
}
