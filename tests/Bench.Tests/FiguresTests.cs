using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests;

public sealed class FiguresTests
{
    [Fact]
    public void ShouldGiveRatesToOneDecimal() => Assert.Equal("268.7", Figures.Rate(900, 3.35));

    [Fact]
    public void ShouldTakeRatiosOfTheRoundedFiguresTheTableShows()
    {
        // 900 / 3.35 = 268.66 and 180 / 12.31 = 14.62: the unrounded ratio is 18.37x, the table's 268.7 / 14.6 18.40x.
        Assert.Equal("18.40x", Figures.Ratio(Figures.Rate(900, 3.35), Figures.Rate(180, 12.31)));
    }

    [Fact]
    public void ShouldGiveCpuMillisecondsPerImageToOneDecimal() => Assert.Equal("134.1", Figures.CpuMsPerImage(24.138, 180));

    [Theory]
    [InlineData(14_336, 14)]
    [InlineData(199_680, 195)]
    [InlineData(1_536, 2)]
    [InlineData(2_560, 2)]
    public void ShouldRoundKibToMibHalfToEven(long kib, long mib) => Assert.Equal(mib, Figures.Mib(kib));

    [Theory]
    [InlineData(12.31, "12.31")]
    [InlineData(65.2, "65.2")]
    [InlineData(3723, "3723")]
    [InlineData(0.123456789, "0.123457")]
    public void ShouldPrintPlainNumbersAsAwkDoes(double value, string text) => Assert.Equal(text, Figures.Plain(value));

    [Fact]
    public void ShouldTakeTheMiddleOfAnOddCount() => Assert.Equal(3.5, Figures.Median([9, 3.5, 1]));

    [Fact]
    public void ShouldAverageTheTwoMiddlesOfAnEvenCount() => Assert.Equal(2.5, Figures.Median([4, 1, 2, 3]));

    [Fact]
    public void ShouldReadTheLastRateAToolPrinted()
    {
        const string output = "job 1: 450 of 900 (300.0 img/s)\nrendered 900, skipped 0, failed 0 of 900 in 3.2 s (280.3 img/s)\n";

        Assert.Equal("280.3", Figures.OwnRate(output));
    }

    [Fact]
    public void ShouldGiveNoRateWhenNoneWasPrinted() => Assert.Equal("", Figures.OwnRate("done\n"));
}
