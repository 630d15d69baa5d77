using K2Orleans.Grains.Combinations;

namespace K2Orleans.Grains.Tests.Combinations;

public sealed class CombinationSpaceTests
{
    [Fact]
    public void ShouldRoundTripEveryIndexOfThreeSlotSpace()
    {
        var space = new CombinationSpace(Some.Spec([3, 4, 2], optional: [false, false, true]));
        Assert.Equal(3 * 4 * 3, space.Total);

        var keys = new HashSet<string>();
        Span<int> choices = stackalloc int[3];
        for (long index = 0; index < space.Total; index++)
        {
            space.Decode(index, choices);
            Assert.Equal(index, space.Encode(choices));
            var key = space.KeyOf(index);
            Assert.Equal(index, space.IndexOfKey(key));
            Assert.True(keys.Add(key), $"key {key} repeats");
            Assert.True(keys.Count == index + 1);
        }

        Assert.Equal("s0o0_s1o0_s2o0", space.KeyOf(0));
        Assert.Equal("s0o0_s1o0_none", space.KeyOf(2));
        Assert.Equal("s0o0_s1o1_s2o0", space.KeyOf(3));
        Assert.Equal("s0o2_s1o3_none", space.KeyOf(space.Total - 1));
    }

    [Fact]
    public void ShouldNumberTheScaleSpaceWithLastSlotFastest()
    {
        var space = new CombinationSpace(Some.Spec([3, 30, 5, 15, 19]));
        Assert.Equal(128_250, space.Total);

        int[] choices = [2, 17, 3, 9, 11];
        long expected = ((((((2L * 30) + 17) * 5) + 3) * 15 + 9) * 19) + 11;
        Assert.Equal(expected, space.Encode(choices));
        Assert.Equal("s0o2_s1o17_s2o3_s3o9_s4o11", space.KeyOf(expected));
        Assert.Equal("s0o0_s1o0_s2o0_s3o0_s4o1", space.KeyOf(1));
        Assert.Equal("s0o0_s1o0_s2o0_s3o1_s4o0", space.KeyOf(19));
        Assert.Equal("s0o1_s1o0_s2o0_s3o0_s4o0", space.KeyOf(30 * 5 * 15 * 19));
        Assert.Equal("s0o2_s1o29_s2o4_s3o14_s4o18", space.KeyOf(128_249));
        foreach (var index in new long[] { 0, 1, 18, 19, 1424, 1425, 42_750, 64_001, 128_249 })
        {
            Assert.Equal(index, space.IndexOfKey(space.KeyOf(index)));
        }
    }

    [Fact]
    public void ShouldRejectIndicesAndKeysOutsideTheSpace()
    {
        var space = new CombinationSpace(Some.Spec([2, 2]));

        Assert.Throws<ArgumentOutOfRangeException>(() => space.KeyOf(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.KeyOf(-1));
        Assert.Null(space.IndexOfKey("s0o0"));
        Assert.Null(space.IndexOfKey("s0o0_none"));
        Assert.Null(space.IndexOfKey("s0o0_s1o9"));
    }

    [Fact]
    public void ShouldFillOutputPathPlaceholdersAndInsertSizeSuffix()
    {
        var spec = Some.Spec([2, 1], optional: [false, true]) with
        {
            Output = new OutputSpec(OutputFormat.Webp, 80, "{slug}/{s0}/{key}.{ext}", []),
        };
        var space = new CombinationSpace(spec);

        Assert.Equal("cup/s0o1/s0o1_none.webp", space.RelativePathOf([1, 1]));
        Assert.Equal("cup/s0o1/s0o1_none-thumb.webp", CombinationSpace.SizedPath(space.RelativePathOf([1, 1]), "-thumb"));
    }

    [Fact]
    public void ShouldUseCheckedArithmeticForHugeSpaces()
    {
        // 16 slots of 256 options is 2^128 combinations: the parser refuses such a spec, and the space must never wrap.
        Assert.Throws<OverflowException>(() => new CombinationSpace(Some.Spec(Enumerable.Repeat(256, 16).ToArray())));
    }
}
