using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests.ResultsMarkdownTests;

public sealed class TheHistoryOfMethod
{
    [Fact]
    public void ShouldKeepEverythingFromTheMarkerOnWithoutTrailingNewlines()
    {
        const string results = "# Benchmark results\n\n| a |\n\n<!-- history: kept -->\n## Page weight\n\ntext\n\n";

        Assert.Equal("<!-- history: kept -->\n## Page weight\n\ntext", ResultsMarkdown.HistoryOf(results));
    }

    [Fact]
    public void ShouldKeepNothingWithoutAMarker() => Assert.Equal("", ResultsMarkdown.HistoryOf("# Benchmark results\n\n| a |\n"));
}
