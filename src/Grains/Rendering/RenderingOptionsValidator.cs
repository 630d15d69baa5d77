using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Rendering;

/// <summary>Checks <see cref="RenderingOptions"/> at start-up; every message names its key.</summary>
public sealed class RenderingOptionsValidator : IValidateOptions<RenderingOptions>
{
    private const string Prefix = RenderingOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, RenderingOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(RenderingOptions options)
    {
        if (options.AbandonedTempFileAge < TimeSpan.FromSeconds(10) || options.AbandonedTempFileAge > TimeSpan.FromDays(1))
        {
            yield return $"{Prefix}AbandonedTempFileAge must be 00:00:10..1.00:00:00, is {options.AbandonedTempFileAge}";
        }

        if (options.MaxConcurrentRenders is < 1 or > 1024)
        {
            yield return $"{Prefix}MaxConcurrentRenders must be 1..1024, is {options.MaxConcurrentRenders}";
        }

        if (options.InteractiveRenderThreads is < 0 or > 64)
        {
            yield return $"{Prefix}InteractiveRenderThreads must be 0..64, is {options.InteractiveRenderThreads}";
        }

        if (options.ThreadsPerRender is < 1 or > 64)
        {
            yield return $"{Prefix}ThreadsPerRender must be 1..64, is {options.ThreadsPerRender}";
        }

        if (string.IsNullOrWhiteSpace(options.OutputRoot))
        {
            yield return $"{Prefix}OutputRoot must be a folder path";
        }

        if (string.IsNullOrWhiteSpace(options.AssetRoot))
        {
            yield return $"{Prefix}AssetRoot must be a folder path";
        }

        if (options.LayerCacheMegabytes is < 1 or > 1_048_576)
        {
            yield return $"{Prefix}LayerCacheMegabytes must be 1..1048576, is {options.LayerCacheMegabytes}";
        }

        if (options.OnRequestCacheMegabytes is < 1 or > 65_536)
        {
            yield return $"{Prefix}OnRequestCacheMegabytes must be 1..65536, is {options.OnRequestCacheMegabytes}";
        }

        if (options.MaxLayerSide is < 1 or > 65_535)
        {
            yield return $"{Prefix}MaxLayerSide must be 1..65535, is {options.MaxLayerSide}";
        }

        if (options.MaxLayerPixels < 1)
        {
            yield return $"{Prefix}MaxLayerPixels must be positive, is {options.MaxLayerPixels}";
        }

        if (options.MagickMemoryMegabytes < 16)
        {
            yield return $"{Prefix}MagickMemoryMegabytes must be at least 16, is {options.MagickMemoryMegabytes}";
        }

        if (options.MaxCombinations < 1)
        {
            yield return $"{Prefix}MaxCombinations must be positive, is {options.MaxCombinations}";
        }

        if (options.MaxImagePixels < 1)
        {
            yield return $"{Prefix}MaxImagePixels must be positive, is {options.MaxImagePixels}";
        }

        if (options.MaxLayerFileBytes < 1)
        {
            yield return $"{Prefix}MaxLayerFileBytes must be positive, is {options.MaxLayerFileBytes}";
        }

        foreach (var (key, roots) in new[] { (nameof(options.OutputRoots), options.OutputRoots), (nameof(options.AssetRoots), options.AssetRoots) })
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
}
