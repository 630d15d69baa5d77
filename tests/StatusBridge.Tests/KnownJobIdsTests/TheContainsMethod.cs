using System.Collections.Immutable;
using K2Orleans.StatusBridge.Sources;
using K2Orleans.StatusBridge.Tests.Support;

namespace K2Orleans.StatusBridge.Tests.KnownJobIdsTests;

public sealed class TheContainsMethod
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly ManualTimeProvider time = new();
    private ImmutableArray<string> index = ["classic-cup-20261128T211000Z"];
    private Func<Task<ImmutableArray<string>>>? fetchInstead;
    private int calls;

    private KnownJobIds Create() => new(() =>
    {
        Interlocked.Increment(ref calls);
        return fetchInstead?.Invoke() ?? Task.FromResult(index);
    }, time, MaxAge);

    [Fact]
    public async Task ShouldReadTheIndexOncePerIntervalHoweverManyUnknownIdsAreAsked()
    {
        var known = Create();

        for (var i = 0; i < 10_000; i++)
        {
            Assert.False(await known.ContainsAsync($"nobody-{i}-20261128T211000Z", CancellationToken.None));
        }

        Assert.Equal(1, calls);
        time.Advance(MaxAge);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.False(await known.ContainsAsync($"nobody-{i}-20261128T211001Z", CancellationToken.None));
        }

        Assert.Equal(2, calls);
        Assert.Equal(2, known.Fetches);
    }

    [Fact]
    public async Task ShouldAnswerAKnownIdWithoutAskingAgain()
    {
        var known = Create();
        Assert.True(await known.ContainsAsync("classic-cup-20261128T211000Z", CancellationToken.None));

        time.Advance(MaxAge * 100);

        Assert.True(await known.ContainsAsync("classic-cup-20261128T211000Z", CancellationToken.None));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ShouldSeeAJobStartedSinceOnceTheIntervalHasPassed()
    {
        var known = Create();
        Assert.False(await known.ContainsAsync("grand-prix-20261128T211500Z", CancellationToken.None));

        index = index.Add("grand-prix-20261128T211500Z");
        Assert.False(await known.ContainsAsync("grand-prix-20261128T211500Z", CancellationToken.None));
        time.Advance(MaxAge);

        Assert.True(await known.ContainsAsync("grand-prix-20261128T211500Z", CancellationToken.None));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ShouldShareOneReadAmongCallersThatMissMeanwhile()
    {
        var answer = new TaskCompletionSource<ImmutableArray<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        fetchInstead = () => answer.Task;
        var known = Create();

        var asking = Enumerable.Range(0, 100).Select(i => known.ContainsAsync($"nobody-{i}-20261128T211000Z", CancellationToken.None)).ToList();
        time.Advance(MaxAge * 10);
        asking.Add(known.ContainsAsync("classic-cup-20261128T211000Z", CancellationToken.None));
        answer.SetResult(index);

        var found = await Task.WhenAll(asking);
        Assert.Equal(1, calls);
        Assert.Equal(1, found.Count(f => f));
        Assert.True(found[^1]);
    }

    [Fact]
    public async Task ShouldReportAnUnreadableIndexAndTryAgainOnlyAfterTheInterval()
    {
        fetchInstead = () => Task.FromException<ImmutableArray<string>>(new InvalidOperationException("index down (fake)"));
        var known = Create();

        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => known.ContainsAsync("x-20261128T211000Z", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => known.ContainsAsync("y-20261128T211000Z", CancellationToken.None));
        Assert.Equal("index down (fake)", first.Message);
        Assert.Equal(1, calls);

        fetchInstead = null;
        time.Advance(MaxAge);

        Assert.True(await known.ContainsAsync("classic-cup-20261128T211000Z", CancellationToken.None));
        Assert.Equal(2, calls);
    }
}
