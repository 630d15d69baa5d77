using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Rendering;

/// <summary>Checks <see cref="RenderingOptions"/> at start-up; every message names its key.</summary>
public sealed class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
    private const string Prefix = RenderingOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, RenderingOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(RenderingOptions o)
    {
        if (o.AbandonedTempFileAge < TimeSpan.FromSeconds(10) || o.AbandonedTempFileAge > TimeSpan.FromDays(1))
        {
            yield return $"{Prefix}AbandonedTempFileAge must be 00:00:10..1.00:00:00, is {o.AbandonedTempFileAge}";
        }

        var threads = OutOfRange(
            (nameof(o.MaxConcurrentRenders), o.MaxConcurrentRenders, 1, 1024),
            (nameof(o.InteractiveRenderThreads), o.InteractiveRenderThreads, 0, 64),
            (nameof(o.ThreadsPerRender), o.ThreadsPerRender, 1, 64));
        var folders = new[] { (nameof(o.OutputRoot), o.OutputRoot), (nameof(o.AssetRoot), o.AssetRoot) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => $"{Prefix}{f.Item1} must be a folder path");
        var sizes = OutOfRange(
            (nameof(o.LayerCacheMegabytes), o.LayerCacheMegabytes, 1, 1_048_576),
            (nameof(o.OnRequestCacheMegabytes), o.OnRequestCacheMegabytes, 1, 65_536),
            (nameof(o.MaxLayerSide), o.MaxLayerSide, 1, 65_535));
        var magick = o.MagickMemoryMegabytes < 16 ? [$"{Prefix}MagickMemoryMegabytes must be at least 16, is {o.MagickMemoryMegabytes}"] : Array.Empty<string>();
        var limits = NotPositive((nameof(o.MaxCombinations), o.MaxCombinations), (nameof(o.MaxImagePixels), o.MaxImagePixels), (nameof(o.MaxLayerFileBytes), o.MaxLayerFileBytes));
        foreach (var problem in threads.Concat(folders).Concat(sizes).Concat(NotPositive((nameof(o.MaxLayerPixels), o.MaxLayerPixels))).Concat(magick).Concat(limits))
        {
            yield return problem;
        }

        foreach (var (key, roots) in new[] { (nameof(o.OutputRoots), o.OutputRoots), (nameof(o.AssetRoots), o.AssetRoots) })
        {
            for (var i = 0; i < roots.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(roots[i]) || roots[i].Contains('\0') || !Path.IsPathFullyQualified(roots[i]))
                {
                    yield return $"{Prefix}{key}:{i} must be an absolute folder path, is '{roots[i]}'";
                }
            }
        }
    }

    private static IEnumerable<string> OutOfRange(params (string Key, long Value, long Min, long Max)[] values) =>
        values.Where(v => v.Value < v.Min || v.Value > v.Max).Select(v => $"{Prefix}{v.Key} must be {v.Min}..{v.Max}, is {v.Value}");

    private static IEnumerable<string> NotPositive(params (string Key, long Value)[] values) =>
        values.Where(v => v.Value < 1).Select(v => $"{Prefix}{v.Key} must be positive, is {v.Value}");
}
