using System.Globalization;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// Decodes the same combinations from two output folders and compares them channel by channel. A fully transparent
/// pixel matches any other fully transparent pixel: its colour is invisible and encoders differ in what they keep.
/// Prints <c>max=D differing=C channels images=N</c>; exits 1 when any channel differs by more than one level.
/// </summary>
internal static class PixelCheck
{
    public static int Run(TrophySpec spec, string baseRoot, string otherRoot, int samples, TextWriter output)
    {
        var space = new CombinationSpace(spec);
        var choices = new int[space.SlotCount];
        var count = (int)Math.Min(samples, space.Total);
        int maxDiff = 0, images = 0;
        long differing = 0;
        for (var i = 0; i < count; i++)
        {
            // Spread over the whole space, and include the first and last combinations.
            var index = count == 1 ? 0 : (long)Math.Round((double)i * (space.Total - 1) / (count - 1));
            space.Decode(index, choices);
            var relative = space.RelativePathOf(choices);
            var expected = Read(baseRoot, relative);
            var actual = Read(otherRoot, relative);
            if ((expected.Width, expected.Height) != (actual.Width, actual.Height))
            {
                throw new BenchException($"{relative}: {expected.Width}x{expected.Height} against {actual.Width}x{actual.Height}");
            }

            for (var p = 0; p < expected.Rgba.Length; p += 4)
            {
                if (expected.Rgba[p + 3] == 0 && actual.Rgba[p + 3] == 0)
                {
                    continue;
                }

                for (var c = 0; c < 4; c++)
                {
                    var diff = Math.Abs(expected.Rgba[p + c] - actual.Rgba[p + c]);
                    if (diff > 0)
                    {
                        differing++;
                        maxDiff = Math.Max(maxDiff, diff);
                    }
                }
            }

            images++;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max={maxDiff} differing={differing} images={images}"));
        return maxDiff <= 1 ? 0 : 1;
    }

    private static (byte[] Rgba, int Width, int Height) Read(string root, string relative)
    {
        var path = Path.Combine(root, relative);
        return File.Exists(path) ? MagickCodec.DecodeToRgba(File.ReadAllBytes(path)) : throw new BenchException($"{path} is missing");
    }
}
