using System.Globalization;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Bench.Harness;

/// <summary>
/// Decodes the same combinations from two output folders and compares them channel by channel. A fully transparent
/// pixel matches any other fully transparent pixel: its colour is invisible and encoders differ in what they keep.
/// Prints <c>max=D differing=C channels images=N</c>; exits 1 when any channel differs by more than one level.
/// </summary>
internal static class PixelCheck
{
    public static int Run(CombinationSpace space, string baseRoot, string otherRoot, IEnumerable<long> indices, TextWriter output)
    {
        var choices = new int[space.SlotCount];
        int maxDiff = 0, images = 0;
        long differing = 0;
        foreach (var index in indices)
        {
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
