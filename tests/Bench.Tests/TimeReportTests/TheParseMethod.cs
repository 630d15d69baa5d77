using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests.TimeReportTests;

public sealed class TheParseMethod
{
    private const string Report = """
        	Command being timed: "dotnet /tmp/k2-bench.bin/k2/k2.dll render spec.json"
        	User time (seconds): 7.41
        	System time (seconds): 1.05
        	Percent of CPU this job got: 171%
        	Elapsed (wall clock) time (h:mm:ss or m:ss): 0:04.93
        	Maximum resident set size (kbytes): 199680
        	Exit status: 0
        """;

    [Fact]
    public void ShouldReadWallTimeUserPlusSystemCpuAndPeakRss()
    {
        var report = TimeReport.Parse(Report);

        Assert.Equal(4.93, report.WallSeconds, 6);
        Assert.Equal(8.46, report.CpuSeconds, 6);
        Assert.Equal(199680, report.PeakKib);
    }

    [Theory]
    [InlineData("1:05.20", 65.2)]
    [InlineData("1:02:03", 3723)]
    public void ShouldReadMinutesAndHoursOfWallTime(string clock, double seconds)
    {
        var report = TimeReport.Parse($"\tElapsed (wall clock) time (h:mm:ss or m:ss): {clock}\n");

        Assert.Equal(seconds, report.WallSeconds, 6);
    }

    [Fact]
    public void ShouldAddTheCpuAndKeepTheLargestPeakWhenCombined()
    {
        var combined = TimeReport.Combine([new TimeReport(10, 6.5, 180_000), new TimeReport(9, 7, 190_000)]);

        Assert.Equal(13.5, combined.CpuSeconds, 6);
        Assert.Equal(190_000, combined.PeakKib);
    }
}
