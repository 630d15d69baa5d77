using System.Globalization;
using System.Text;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// The old daemon's way, one ImageMagick CLI process per combination:
/// <c>-size WxH xc:BG part -geometry +x+y -composite ... -depth 8 out.png</c>.
/// <c>-depth 8</c> is added because IM6 Q16 otherwise writes a 16-bit PNG (twice the bytes) from the 16-bit
/// <c>xc:</c> canvas, which is not the 8-bit RGBA product image everyone else writes.
/// </summary>
internal static class ConvertJobs
{
    /// <summary>Writes the jobs of every <paramref name="every"/>-th combination and creates their folders; returns the number of arguments per job.</summary>
    public static int Write(TrophySpec spec, string outRoot, string jobsFile, int every)
    {
        var perJob = 0;
        using var writer = new StreamWriter(jobsFile, false, new UTF8Encoding(false));
        foreach (var args in Jobs(spec, outRoot, every))
        {
            perJob = args.Count;
            foreach (var arg in args)
            {
                writer.Write(arg);
                writer.Write('\0');
            }
        }

        return perJob;
    }

    /// <summary>The arguments of the job of every <paramref name="every"/>-th combination (output path last); creates their folders.</summary>
    public static IEnumerable<List<string>> Jobs(TrophySpec spec, string outRoot, int every)
    {
        if (spec.Output.Format != OutputFormat.Png || spec.Output.Sizes.Length > 0)
        {
            throw new BenchException("the baseline renders PNG without extra sizes only");
        }

        foreach (var slot in spec.Slots)
        {
            if (slot.Optional || slot.Options.Any(o => o.Tint is not null))
            {
                throw new BenchException($"slot '{slot.Id}': the baseline takes no optional slot and no tint (use a bench spec without them)");
            }
        }

        return JobsOf(spec, outRoot, every);
    }

    private static IEnumerable<List<string>> JobsOf(TrophySpec spec, string outRoot, int every)
    {
        var space = new CombinationSpace(spec);
        var choices = new int[space.SlotCount];
        var background = spec.Canvas.Background.ToString("x8", CultureInfo.InvariantCulture);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in BaselineSample.All(space.Total, every))
        {
            space.Decode(index, choices);
            var args = new List<string> { "-size", $"{spec.Canvas.Width}x{spec.Canvas.Height}", $"xc:#{background}" };
            for (var s = 0; s < choices.Length; s++)
            {
                var option = space.OptionOf(s, choices[s])!;
                args.Add(Path.Combine(spec.AssetRoot, option.Image));
                args.Add("-geometry");
                args.Add(string.Create(CultureInfo.InvariantCulture, $"{option.X:+0;-0}{option.Y:+0;-0}"));
                args.Add("-composite");
            }

            var path = Path.GetFullPath(Path.Combine(outRoot, space.RelativePathOf(choices)));
            if (folders.Add(Path.GetDirectoryName(path)!))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }

            args.AddRange(["-depth", "8", path]);
            yield return args;
        }
    }
}
