using K2Orleans.Grains.Planning;

namespace K2Orleans.Grains.Tests.Planning;

public sealed class BatchPlanTests
{
    [Theory]
    [InlineData(900, 15, 45)]         // the bench spec: 3 runs of 15 toppers, not the 32 a plain minimum gives
    [InlineData(648, 6, 36)]
    [InlineData(50, 5, 35)]
    [InlineData(128_250, 19, 247)]    // 257 by the 500-batch target, 13 runs of 19 stay under 256
    [InlineData(10_000_000, 7, 252)]
    [InlineData(1_000, 300, 32)]      // a run longer than any batch: no alignment to keep
    [InlineData(1_000, 1, 32)]
    public void ShouldCutIntoWholeRunsOfTheLastSlotWithinTheSizeLimits(long total, int run, int expected)
    {
        var plan = BatchPlan.For(total, run);

        Assert.Equal(expected, plan.BatchSize);
        Assert.InRange(plan.BatchSize, BatchPlan.MinBatchSize, BatchPlan.MaxBatchSize);
    }

    [Fact]
    public void ShouldTakeTheRequestedSizeAsItIs()
    {
        Assert.Equal(3, BatchPlan.For(100, run: 15, requestedSize: 3).BatchSize);
    }

    [Fact]
    public void ShouldCoverEveryIndexOnceWithOnlyTheLastRangeShorter()
    {
        var plan = BatchPlan.For(1_000, run: 15);
        var ranges = Enumerable.Range(0, plan.BatchCount).Select(plan.RangeOf).ToList();

        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => (long)i), ranges.SelectMany(r => Enumerable.Range(0, r.Count).Select(i => r.Start + i)));
        Assert.All(ranges.SkipLast(1), r => Assert.Equal(plan.BatchSize, r.Count));
        Assert.All(ranges, r => Assert.Equal(0, r.Start % 15));
    }

    [Fact]
    public void ShouldRefuseAnEmptyJobAndAnEmptyRun()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlan.For(0, run: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlan.For(10, run: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlan.For(10, run: 5).RangeOf(1));
    }
}
