using System.Globalization;

namespace K2Orleans.Bench.Harness;

/// <summary>The helper steps of bench/run.sh that need the project's own spec and combination logic.</summary>
internal static class HarnessCommand
{
    private const string Usage = """
        usage: k2-bench count SPEC                             print the number of combinations
               k2-bench variant SPEC OUT_SPEC SLOT=COUNT...   write SPEC keeping the first COUNT options of each named slot
               k2-bench convert-jobs SPEC OUT_ROOT JOBS_FILE   write one ImageMagick CLI job per combination (NUL-separated
                                                               arguments, the same count per job, printed on stdout)
               k2-bench pixel-check SPEC BASE_ROOT OTHER_ROOT SAMPLES
                                                               compare SAMPLES images spread over the combinations
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["variant", var spec, var outSpec, .. var keeps] when keeps.Length > 0:
                    SpecVariant.Write(spec, outSpec, keeps, output);
                    return 0;
                case ["count", var spec]:
                    output.WriteLine(new Grains.Combinations.CombinationSpace(BenchSpec.Load(spec)).Total);
                    return 0;
                case ["convert-jobs", var spec, var outRoot, var jobsFile]:
                    output.WriteLine(ConvertJobs.Write(BenchSpec.Load(spec), outRoot, jobsFile));
                    return 0;
                case ["pixel-check", var spec, var baseRoot, var otherRoot, var samples]:
                    return PixelCheck.Run(BenchSpec.Load(spec), baseRoot, otherRoot, int.Parse(samples, CultureInfo.InvariantCulture), output);
                default:
                    error.Write(Usage);
                    return 2;
            }
        }
        catch (BenchException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
