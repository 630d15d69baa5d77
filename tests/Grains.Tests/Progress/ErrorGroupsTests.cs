using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Progress;

namespace K2Orleans.Grains.Tests.Progress;

public sealed class ErrorGroupsTests
{
    private const string Crown = "layer 'topper/crown.png' does not exist";
    private const string Star = "layer 'topper/star.png' cannot be decoded: not a PNG";

    [Fact]
    public void ShouldKeepOneEntryPerMissingFileWithTheNumberOfCombinationsItFails()
    {
        var list = new List<CombinationError>();
        var groups = new ErrorGroups(list, limit: 20);

        groups.Add(new CombinationError("walnut_gold_crown", Crown));
        groups.Add(new CombinationError("walnut_gold_star", Star));
        groups.Add(new CombinationError("oak_gold_crown", Crown));
        groups.AddRange([new CombinationError("walnut_silver_crown", Crown, 40), new CombinationError("oak_silver_star", Star)]);

        Assert.Equal(
            [new CombinationError("walnut_gold_crown", Crown, 42), new CombinationError("walnut_gold_star", Star, 2)],
            list);
    }

    [Fact]
    public void ShouldKeepCountingKnownMessagesButDropNewOnesBeyondTheLimit()
    {
        var list = new List<CombinationError> { new("a", "first", 3), new("b", "second", 0) };   // 0: stored before counts existed
        var groups = new ErrorGroups(list, limit: 2);

        groups.Add(new CombinationError("c", "third"));
        groups.Add(new CombinationError("d", "second"));

        Assert.Equal([new CombinationError("a", "first", 3), new CombinationError("b", "second", 2)], list);
    }

    [Fact]
    public void ShouldSayHowManyCombinationsAnEntryStandsForOnlyWhenMoreThanOne()
    {
        Assert.Equal($"{Crown} (1234 combinations)", ErrorGroups.Describe(new CombinationError("k", Crown, 1234)).Message);
        Assert.Equal(Crown, ErrorGroups.Describe(new CombinationError("k", Crown)).Message);
    }
}
