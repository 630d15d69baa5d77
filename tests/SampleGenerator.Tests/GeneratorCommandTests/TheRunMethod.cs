using K2Orleans.SampleGenerator.Cli;
using K2Orleans.SampleGenerator.Tests.Support;

namespace K2Orleans.SampleGenerator.Tests.GeneratorCommandTests;

[Collection(GeneratedCollection.Name)]
public sealed class TheRunMethod(GeneratedTrophies generated)
{
    [Fact]
    public void ShouldWriteIdenticalBytesOnEveryRun()
    {
        var first = generated.Samples;
        using var second = new TempFolder();

        Assert.Equal(GeneratorCommand.Success, Run(["samples", second.Path], second.Path).Exit);

        var firstFiles = RelativeFiles(first);
        Assert.NotEmpty(firstFiles);
        Assert.Equal(firstFiles, RelativeFiles(second.Path));
        foreach (var file in firstFiles)
        {
            var a = File.ReadAllBytes(Path.Combine(first, file));
            var b = File.ReadAllBytes(Path.Combine(second.Path, file));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between two runs");
        }
    }

    [Fact]
    public void ShouldFindTheSamplesFolderBesideTheSolutionAndDropStaleImages()
    {
        using var checkout = new TempFolder();
        File.WriteAllText(Path.Combine(checkout.Path, "K2Orleans.sln"), string.Empty);
        var inside = Directory.CreateDirectory(Path.Combine(checkout.Path, "src", "deep")).FullName;
        var stale = Path.Combine(checkout.Path, "samples", "classic-cup", "assets", "topper", "retired.png");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllBytes(stale, [1, 2, 3]);

        var result = Run(["samples"], inside);

        Assert.Equal(GeneratorCommand.Success, result.Exit);
        Assert.True(File.Exists(Path.Combine(checkout.Path, "samples", "classic-cup", "trophy.json")));
        Assert.True(File.Exists(Path.Combine(checkout.Path, "samples", "grand-prix", "trophy.json")));
        Assert.False(File.Exists(stale), "an image no catalogue names should be removed");
        Assert.Contains("50 combinations", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "no command")]
    [InlineData(new[] { "bench" }, "unrecognised arguments: bench")]
    [InlineData(new[] { "render", "x" }, "unrecognised arguments: render x")]
    [InlineData(new[] { "samples", "a", "b" }, "unrecognised arguments: samples a b")]
    public void ShouldRefuseBadArgumentsWithUsage(string[] args, string reason)
    {
        using var folder = new TempFolder();

        var result = Run(args, folder.Path);

        Assert.Equal(GeneratorCommand.BadArguments, result.Exit);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Contains("usage:", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void ShouldRefuseSamplesWithoutFolderOutsideACheckout()
    {
        using var folder = new TempFolder();

        var result = Run(["samples"], folder.Path);

        Assert.Equal(GeneratorCommand.BadArguments, result.Exit);
        Assert.Contains("K2Orleans.sln", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReportAFolderThatCannotBeWritten()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "not-a-folder");
        File.WriteAllText(file, "x");

        var result = Run(["samples", Path.Combine(file, "out")], folder.Path);

        Assert.Equal(GeneratorCommand.WriteFailed, result.Exit);
        Assert.Contains("cannot write", result.Error, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(string[] args, string workingFolder)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = GeneratorCommand.Run(args, workingFolder, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static List<string> RelativeFiles(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)];
}
