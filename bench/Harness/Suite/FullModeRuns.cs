using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The two sections only <c>--full</c> adds: peak RSS against job size, and the full pipeline against the tight loop.</summary>
internal sealed class FullModeRuns(SuitePaths paths, PathMeasurer measurer, PathCommands commands)
{
    /// <summary><c>k2 render</c> of scale-128k and of its 3-column variant, to show peak RSS does not grow with the job.</summary>
    public IReadOnlyList<Measurement> Scale()
    {
        var scale128 = Path.Combine(paths.Work, "specs/scale-128k/trophy.json");
        var scale10 = Path.Combine(paths.Work, "scale-10k/trophy.json");
        var rows = new List<Measurement>();
        foreach (var (name, file, count) in new[] { ("scale10", scale10, Variant(scale128, scale10, "column=3")), ("scale128", scale128, Count(scale128)) })
        {
            var outDir = paths.Out(name);
            rows.Add(measurer.Measure(name, file, count, outDir, commands.K2Render(file, outDir)));
            Directory.Delete(outDir, recursive: true);
        }

        return rows;
    }

    /// <summary>
    /// The two alternate, three rounds each, and the medians are compared, so a machine that slows down mid-run slows
    /// both. One combination shows the fixed cost of each process.
    /// </summary>
    public IReadOnlyList<OverheadRow> Overhead(string spec)
    {
        var one = Path.Combine(paths.Work, "specs/bench-1/trophy.json");
        var wide = Path.Combine(paths.Work, "specs/bench-3600/trophy.json");
        var specs = new[]
        {
            ("bench-1", one, Variant(spec, one, "base=1", "column=1", "riser=1", "topper=1")),
            ("bench-900", spec, Count(spec)),
            ("bench-3600", wide, Variant(spec, wide, "base*4")),
        };
        var rows = new List<OverheadRow>();
        string loopOut = paths.Out("vs-loop"), k2Out = paths.Out("vs-k2");
        foreach (var (label, file, count) in specs)
        {
            var loops = new List<Measurement>();
            var k2s = new List<Measurement>();
            for (var round = 0; round < 3; round++)
            {
                Clear(loopOut, k2Out);
                loops.Add(measurer.Measure("vs-loop", file, count, loopOut, commands.Loop(file, loopOut)));
                k2s.Add(measurer.Measure("vs-k2", file, count, k2Out, commands.K2Render(file, k2Out)));
            }

            Clear(loopOut, k2Out);
            rows.Add(new OverheadRow(label, count, Median(loops, m => m.Wall), Median(k2s, m => m.Wall), Median(loops, m => m.OwnRate), Median(k2s, m => m.OwnRate)));
        }

        return rows;
    }

    private static long Variant(string spec, string outSpec, params string[] keeps)
    {
        SpecVariant.Write(spec, outSpec, keeps, TextWriter.Null);
        return Count(outSpec);
    }

    private static long Count(string spec) => new CombinationSpace(BenchSpec.Load(spec)).Total;

    // A tool that printed no rate counts as 0, as awk read an empty field.
    private static double Median(List<Measurement> runs, Func<Measurement, string> figure) =>
        Figures.Median(runs.Select(figure).Select(text => text.Length > 0 ? Figures.Number(text) : 0));

    private static void Clear(params string[] folders)
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
