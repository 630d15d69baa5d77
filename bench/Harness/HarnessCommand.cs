using System.Globalization;
using K2Orleans.Bench.Harness.Suite;
using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness;

/// <summary>The bench scripts' steps that need the project's own spec and combination logic, and <c>run</c>, bench/run.sh's whole benchmark.</summary>
internal static class HarnessCommand
{
    private const string Usage = """
        usage: k2-bench run [--quick|--full] [--no-build]       the side-by-side benchmark of bench/run.sh: measure the five
                                                                paths and write bench/results.md (build first: bench/run.sh)
               k2-bench count SPEC                              print the number of combinations
               k2-bench variant SPEC OUT_SPEC SLOT=COUNT|SLOT*COPIES...
                                                                write SPEC keeping the first COUNT options of a slot,
                                                                or with its options repeated COPIES times
               k2-bench convert-jobs SPEC OUT_ROOT JOBS_FILE EVERY
                                                                write one ImageMagick CLI job per EVERY-th combination
                                                                (NUL-separated arguments; prints the count per job)
               k2-bench sample SPEC EVERY COUNT                 print COUNT of those indices, spread, comma-separated
               k2-bench bytes SPEC ROOT EVERY                   print the mean file size of those images under ROOT
               k2-bench pixel-check SPEC BASE_ROOT OTHER_ROOT EVERY COUNT
                                                                compare COUNT of those images, spread
               k2-bench free-ports COUNT                        print COUNT TCP ports nothing listens on, space-separated
               k2-bench corpus CORPUS_DIR WORK_DIR EVERY        page weight by content: baseline, product at each effort and
                                                                WebP lossless on each corpus member; prints a markdown table
               k2-bench http-load BASE_URL SPEC CONCURRENCY [TRACE_FILE]
                                                                GET every key's image once from BASE_URL, CONCURRENCY at
                                                                a time; prints latency percentiles (TRACE_FILE: each
                                                                request's start, latency, status and key)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            switch (args)
            {
                case ["run", .. var options]:
                    return BenchSuite.Run(options, output, error);
                case ["count", var spec]:
                    output.WriteLine(new CombinationSpace(BenchSpec.Load(spec)).Total);
                    return 0;
                case ["variant", var spec, var outSpec, .. var keeps] when keeps.Length > 0:
                    SpecVariant.Write(spec, outSpec, keeps, output);
                    return 0;
                case ["convert-jobs", var spec, var outRoot, var jobsFile, var every]:
                    output.WriteLine(ConvertJobs.Write(BenchSpec.Load(spec), outRoot, jobsFile, Int(every)));
                    return 0;
                case ["sample", var spec, var every, var count]:
                    output.WriteLine(string.Join(',', BaselineSample.Spread(new CombinationSpace(BenchSpec.Load(spec)).Total, Int(every), Int(count))));
                    return 0;
                case ["bytes", var spec, var root, var every]:
                    output.WriteLine(ImageBytes.Mean(new CombinationSpace(BenchSpec.Load(spec)), root, Int(every)));
                    return 0;
                case ["pixel-check", var spec, var baseRoot, var otherRoot, var every, var count]:
                    var space = new CombinationSpace(BenchSpec.Load(spec));
                    return PixelCheck.Run(space, baseRoot, otherRoot, BaselineSample.Spread(space.Total, Int(every), Int(count)), output);
                case ["free-ports", var count]:
                    // The tests' own finder: below the ephemeral range, and never the same port twice in one process.
                    output.WriteLine(string.Join(' ', Enumerable.Range(0, Int(count)).Select(_ => TestSupport.FreeTcpPort.Next())));
                    return 0;
                case ["corpus", var corpus, var work, var every]:
                    return CorpusBench.Run(corpus, work, Int(every), output);
                case ["http-load", var baseUrl, var spec, var concurrency, .. var trace] when trace.Length <= 1:
                    return HttpLoad.Run(baseUrl, spec, Int(concurrency), output, trace.FirstOrDefault());
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

    private static int Int(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new BenchException($"'{text}' is not a positive number");
}
