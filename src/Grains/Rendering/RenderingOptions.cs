namespace K2Orleans.Grains.Rendering;

/// <summary>The <c>Rendering</c> configuration section (contracts.md §6).</summary>
public sealed class RenderingOptions
{
    public const string SectionName = "Rendering";

    /// <summary>Renders running at once on one silo; ImageMagick here uses one core per render.</summary>
    public int MaxConcurrentRenders { get; set; } = Environment.ProcessorCount;

    /// <summary>ImageMagick threads per render (the old daemon's measured sweet spot; a no-op without OpenMP).</summary>
    public int ThreadsPerRender { get; set; } = 2;

    /// <summary>Where WordPress specs' relative <c>assetRoot</c> resolves.</summary>
    public string AssetRoot { get; set; } = "assets";

    /// <summary>Where images are written when a job names no output folder.</summary>
    public string OutputRoot { get; set; } = "out";

    /// <summary>Memory for decoded layers kept between renders.</summary>
    public int LayerCacheMegabytes { get; set; } = 256;

    /// <summary>A layer wider or taller than this is refused before it is decoded.</summary>
    public int MaxLayerSide { get; set; } = 8192;

    /// <summary>A layer with more pixels than this is refused before it is decoded.</summary>
    public long MaxLayerPixels { get; set; } = 16_777_216;

    /// <summary>ImageMagick's own memory limit for the process.</summary>
    public int MagickMemoryMegabytes { get; set; } = 1024;

    /// <summary>A spec with more combinations is refused.</summary>
    public long MaxCombinations { get; set; } = 1_000_000;

    /// <summary>Every reason the options are unusable, each naming its key.</summary>
    public IEnumerable<string> Validate()
    {
        if (MaxConcurrentRenders is < 1 or > 1024)
        {
            yield return $"{SectionName}:MaxConcurrentRenders must be 1..1024, is {MaxConcurrentRenders}";
        }

        if (ThreadsPerRender is < 1 or > 64)
        {
            yield return $"{SectionName}:ThreadsPerRender must be 1..64, is {ThreadsPerRender}";
        }

        if (string.IsNullOrWhiteSpace(OutputRoot))
        {
            yield return $"{SectionName}:OutputRoot must be a folder path";
        }

        if (string.IsNullOrWhiteSpace(AssetRoot))
        {
            yield return $"{SectionName}:AssetRoot must be a folder path";
        }

        if (LayerCacheMegabytes is < 1 or > 1_048_576)
        {
            yield return $"{SectionName}:LayerCacheMegabytes must be 1..1048576, is {LayerCacheMegabytes}";
        }

        if (MaxLayerSide is < 1 or > 65_535)
        {
            yield return $"{SectionName}:MaxLayerSide must be 1..65535, is {MaxLayerSide}";
        }

        if (MaxLayerPixels < 1)
        {
            yield return $"{SectionName}:MaxLayerPixels must be positive, is {MaxLayerPixels}";
        }

        if (MagickMemoryMegabytes < 16)
        {
            yield return $"{SectionName}:MagickMemoryMegabytes must be at least 16, is {MagickMemoryMegabytes}";
        }

        if (MaxCombinations < 1)
        {
            yield return $"{SectionName}:MaxCombinations must be positive, is {MaxCombinations}";
        }
    }
}
