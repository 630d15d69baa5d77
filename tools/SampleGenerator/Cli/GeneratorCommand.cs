using K2Orleans.SampleGenerator.Catalog;
using K2Orleans.SampleGenerator.Writing;

namespace K2Orleans.SampleGenerator.Cli;

/// <summary>Parses the command line and writes the chosen trophy set; returns the process exit code.</summary>
internal static class GeneratorCommand
{
    public const int Success = 0;
    public const int WriteFailed = 1;
    public const int BadArguments = 2;

    private const string Usage = """
        usage: dotnet run --project tools/SampleGenerator -- samples [DIR]
                   regenerate the committed sample trophies (DIR defaults to samples/ of this checkout)
               dotnet run --project tools/SampleGenerator -- bench DIR
                   write the benchmark trophies bench-900 and scale-128k into DIR (not committed)
               dotnet run --project tools/SampleGenerator -- headline DIR
                   write headline-128k, 128,250 combinations of a 500x800 trophy, into DIR (not committed)
               dotnet run --project tools/SampleGenerator -- corpus DIR
                   write the content corpus (photo, vector, gradient, glow, thumbnail, large) into DIR (not committed)
        """;

    public static int Run(IReadOnlyList<string> args, string workingFolder, TextWriter output, TextWriter error)
    {
        string? target;
        IReadOnlyList<TrophyDefinition> trophies;
        switch (args)
        {
            case ["samples"]:
                target = RepositoryLocator.FindSamplesFolder(workingFolder);
                if (target is null)
                {
                    error.WriteLine($"error: no {RepositoryLocator.SolutionFileName} in '{workingFolder}' or above it; pass the samples folder: samples DIR");
                    return BadArguments;
                }

                trophies = SampleSets.Samples();
                break;
            case ["samples", var folder]:
                (target, trophies) = (Path.GetFullPath(folder, workingFolder), SampleSets.Samples());
                break;
            case ["bench", var folder]:
                (target, trophies) = (Path.GetFullPath(folder, workingFolder), SampleSets.Bench());
                break;
            case ["headline", var folder]:
                (target, trophies) = (Path.GetFullPath(folder, workingFolder), SampleSets.Headline());
                break;
            case ["corpus", var folder]:
                (target, trophies) = (Path.GetFullPath(folder, workingFolder), SampleSets.Corpus());
                break;
            default:
                error.WriteLine(args.Count == 0 ? "error: no command given" : $"error: unrecognised arguments: {string.Join(' ', args)}");
                error.Write(Usage);
                return BadArguments;
        }

        try
        {
            foreach (var trophy in trophies)
            {
                var written = TrophyWriter.Write(trophy, target);
                output.WriteLine($"{written.Folder}: {written.Images} images, {written.ImageBytes / 1024} KiB, {written.Combinations:N0} combinations");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write to '{target}': {ex.Message}");
            return WriteFailed;
        }

        return Success;
    }
}
