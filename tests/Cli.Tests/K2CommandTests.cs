using K2Orleans.Cli.Tests.Support;

namespace K2Orleans.Cli.Tests;

/// <summary>The command line itself, in process: what System.CommandLine writes goes to the context's writers too.</summary>
public sealed class K2CommandTests
{
    [Fact]
    public async Task ShouldWriteHelpAndParseErrorsToTheWritersItIsGiven()
    {
        var help = await K2Run.RunAsync("--help");
        var wrong = await K2Run.RunAsync("render", "x.json", "--bogus");

        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("K2Orleans: render every combination of a trophy's images", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("submit", help.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(help.StandardError);
        Assert.Equal(ExitCodes.BadInput, wrong.ExitCode);
        Assert.EndsWith("Run 'k2 --help' for usage." + Environment.NewLine, wrong.StandardError, StringComparison.Ordinal);
        Assert.Contains("--bogus", wrong.StandardError, StringComparison.Ordinal);
        Assert.Empty(wrong.StandardOutput);
    }
}
