using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Grains.Rendering;

/// <summary>The <c>Rendering</c> configuration section (contracts.md §6).</summary>
public sealed class RenderingOptions
{
    public const string SectionName = "Rendering";

    /// <summary>4096 x 4096: a canvas this size takes about 270 MB of working memory per render slot.</summary>
    public const long DefaultMaxImagePixels = 16_777_216;

    /// <summary>The default of <see cref="AbandonedTempFileAge"/>.</summary>
    public static readonly TimeSpan DefaultAbandonedTempFileAge = TimeSpan.FromMinutes(2);

    /// <summary>Renders running at once on one silo; ImageMagick here uses one core per render.</summary>
    public int MaxConcurrentRenders { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Render threads beside <see cref="MaxConcurrentRenders"/> that take only on-request images and previews, so a page
    /// never waits for a build's batch to end; 0 leaves interactive work to the shared threads (still taken first).
    /// </summary>
    public int InteractiveRenderThreads { get; set; } = 1;

    /// <summary>ImageMagick threads per render (the old daemon's measured sweet spot; a no-op without OpenMP).</summary>
    public int ThreadsPerRender { get; set; } = 2;

    /// <summary>Where WordPress specs' relative <c>assetRoot</c> resolves.</summary>
    public string AssetRoot { get; set; } = "assets";

    /// <summary>Where images are written when a job names no output folder.</summary>
    public string OutputRoot { get; set; } = "out";

    /// <summary>Memory for decoded layers kept between renders.</summary>
    public int LayerCacheMegabytes { get; set; } = 256;

    /// <summary>
    /// Memory for the on-request renderer's compressed strips (<see cref="StripRenderer"/>): what lets an image asked for
    /// over HTTP reuse rows other combinations share instead of drawing and compressing every row again. About 1 MB
    /// holds the bench-900 trophy's strips; the default leaves room for many trophies.
    /// </summary>
    public int OnRequestCacheMegabytes { get; set; } = 64;

    /// <summary>A layer wider or taller than this is refused before it is decoded.</summary>
    public int MaxLayerSide { get; set; } = 8192;

    /// <summary>A layer with more pixels than this is refused before it is decoded.</summary>
    public long MaxLayerPixels { get; set; } = 16_777_216;

    /// <summary>ImageMagick's own memory limit for the process.</summary>
    public int MagickMemoryMegabytes { get; set; } = 1024;

    /// <summary>A spec with more combinations is refused.</summary>
    public long MaxCombinations { get; set; } = 1_000_000;

    /// <summary>A spec whose canvas has more pixels is refused.</summary>
    public long MaxImagePixels { get; set; } = DefaultMaxImagePixels;

    /// <summary>A layer file larger than this is refused before it is read.</summary>
    public long MaxLayerFileBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Folders a job may write images into (each with everything below it), besides <see cref="OutputRoot"/> and
    /// WordPress:OutputRoot. A request for another folder is refused, whoever sends it.
    /// </summary>
    public List<string> OutputRoots { get; set; } = [];

    /// <summary>Folders a spec's <c>assetRoot</c> may lie in, besides <see cref="AssetRoot"/> and WordPress:AssetRoot.</summary>
    public List<string> AssetRoots { get; set; } = [];

    /// <summary>
    /// Whether the silo's working folder counts as an allowed output and asset root. Unset: yes in Localhost mode
    /// (one host, the operator's own folder), no in MySql mode.
    /// </summary>
    public bool? AllowWorkingFolder { get; set; }

    /// <summary>Every reason the options are unusable, each naming its key.</summary>
    /// <summary>
    /// How old another host's temporary <c>*.k2tmp</c> file must be, by the output folder's own filesystem clock,
    /// before a writer deletes it as abandoned. A live writer's file exists for the moment of one image write; a dead
    /// process's file of this host goes at once, whatever its age.
    /// </summary>
    public TimeSpan AbandonedTempFileAge { get; set; } = DefaultAbandonedTempFileAge;
}
