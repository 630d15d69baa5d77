using K2Orleans.Grains.OnRequest;
using Microsoft.Extensions.Time.Testing;

namespace K2Orleans.Grains.Tests.OnRequest;

public sealed class OnRequestCountersTests
{
    [Fact]
    public void ShouldReportPercentilesOfTheLastMinuteOnly()
    {
        var clock = new FakeTimeProvider();
        var counters = new OnRequestCounters(clock);
        counters.Waited(TimeSpan.FromMilliseconds(900));
        clock.Advance(TimeSpan.FromSeconds(61));
        foreach (var ms in Enumerable.Range(1, 100))
        {
            counters.Waited(TimeSpan.FromMilliseconds(ms));
        }

        counters.Rendered();
        counters.Coalesced();
        counters.NotFound();
        counters.NotFound();
        counters.Busy();

        var stats = counters.Snapshot();

        Assert.Equal((50.0, 99.0), (stats.P50Ms, stats.P99Ms));
        Assert.Equal((1L, 1L, 2L, 1L), (stats.Rendered, stats.Coalesced, stats.NotFound, stats.Busy));
    }

    [Fact]
    public void ShouldReportZeroWithoutSamples()
    {
        var stats = new OnRequestCounters(TimeProvider.System).Snapshot();

        Assert.Equal((0.0, 0.0), (stats.P50Ms, stats.P99Ms));
    }

    [Fact]
    public void ShouldTurnAwayPastTheBoundAndTakeAgainOnceOneLeaves()
    {
        var pending = new PendingRenders(2);

        var taken = new[] { pending.TryEnter(), pending.TryEnter(), pending.TryEnter() };
        pending.Exit();
        var again = pending.TryEnter();

        Assert.Equal([true, true, false], taken);
        Assert.True(again);
        Assert.Equal(2, pending.Count);
    }
}
