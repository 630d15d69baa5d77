using K2Orleans.Grains.Combinations;

namespace K2Orleans.Bench.Harness;

/// <summary>The mean file size of the baseline's images (every <c>every</c>-th combination) under one output root.</summary>
internal static class ImageBytes
{
    public static long Mean(CombinationSpace space, string root, int every)
    {
        long files = 0, bytes = 0;
        var choices = new int[space.SlotCount];
        foreach (var index in BaselineSample.All(space.Total, every))
        {
            space.Decode(index, choices);
            var file = new FileInfo(Path.Combine(root, space.RelativePathOf(choices)));
            bytes += file.Exists ? file.Length : throw new BenchException($"{file.FullName} is missing");
            files++;
        }

        return bytes / files;
    }
}
