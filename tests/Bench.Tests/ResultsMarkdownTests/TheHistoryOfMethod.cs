using K2Orleans.Bench.Harness.Suite;

namespace K2Orleans.Bench.Tests.ResultsMarkdownTests;

public sealed class TheHistoryOfMethod
{
    [Fact]
    public void ShouldKeepNothingWithoutAMarker() => Assert.Equal("", ResultsMarkdown.HistoryOf("# Benchmark results\n\n| a |\n"));

    [Fact]
    public void ShouldKeepEverythingFromTheMarkerOnWithoutTrailingNewlines()
    {
        var history = ResultsMarkdown.HistoryOf("# Benchmark results\n\n| a |\n\n<!-- history: kept -->\n## Page weight\n\ntext\n\n");

        Assert.StartsWith("<!-- history: kept -->\n", history, StringComparison.Ordinal);
        Assert.EndsWith("## Page weight\n\ntext", history, StringComparison.Ordinal);
    }
}
