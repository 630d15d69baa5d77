using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests;

public sealed class SuiteOptionsTests
{
    [Fact]
    public void ShouldRunQuickByDefault()
    {
        var options = SuiteOptions.Parse([])!;

        Assert.Equal(("quick", 5, 12), (options.Mode, options.Every, options.Samples));
    }

    [Fact]
    public void ShouldRenderEveryCombinationAndCheckSixtyInFullMode()
    {
        var options = SuiteOptions.Parse(["--no-build", "--full"])!;

        Assert.Equal(("full", 1, 60), (options.Mode, options.Every, options.Samples));
    }

    [Fact]
    public void ShouldRefuseAnUnknownOption() => Assert.Null(SuiteOptions.Parse(["--quick", "--fast"]));
}
