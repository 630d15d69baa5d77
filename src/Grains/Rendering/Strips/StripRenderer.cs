using System.Collections.Concurrent;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>
/// Renders single combinations in any order, as image requests ask for them, into the same files as the batch
/// renderer: same pixels, same fingerprint stamp, same atomic write. A batch saves work by walking combinations in
/// order and reusing the lower slots' composite; requests come in no order, so this renderer cuts each image into
/// strips of rows covered by the same layers (<see cref="StripPlan"/>) and keeps each strip's compressed rows in a
/// cache named by the layers they are made of. A strip found there is neither composited nor compressed again; only
/// the rows of strips no earlier image had are drawn. PNG only; other formats go to the batch renderer one at a time.
/// </summary>
/// <remarks>
/// The file's pixels and filtered rows are those the batch renderer writes; its deflate stream is cut into one piece per
/// strip instead of three, each starting with an empty dictionary, so it is a little larger (bench/results.md reports
/// both). Thread-safe: each call rents its own buffers; the strip cache is shared and bounded by
/// <see cref="RenderingOptions.OnRequestCacheMegabytes"/>.
/// </remarks>
public sealed class StripRenderer
{
    /// <summary>Strips kept per megabyte of budget however small they are: bounds the cache's bookkeeping too.</summary>
    private const int PiecesPerMegabyte = 1024;

    private readonly LayerStore layers;
    private readonly CombinationRenderer batch;
    private readonly DeflatePieceCache strips;
    private readonly ConcurrentBag<RenderBuffers> spareBuffers = [];

    public StripRenderer(LayerStore layers, CombinationRenderer batch, RenderingOptions options)
        : this(layers, batch, (long)options.OnRequestCacheMegabytes * 1024 * 1024, options.OnRequestCacheMegabytes * PiecesPerMegabyte)
    {
    }

    /// <summary>A renderer whose strip cache keeps at most <paramref name="budgetBytes"/> and <paramref name="maxStrips"/>.</summary>
    internal StripRenderer(LayerStore layers, CombinationRenderer batch, long budgetBytes, int maxStrips)
    {
        this.layers = layers;
        this.batch = batch;
        strips = new DeflatePieceCache(budgetBytes, maxStrips);
    }

    /// <summary>Compressed bytes of the strips held now (at most the configured budget).</summary>
    public long CachedBytes => strips.Bytes;

    /// <summary>Strips held now.</summary>
    public int CachedStrips => strips.Count;

    /// <summary>
    /// Renders combination <paramref name="index"/> unless its files are up to date (or <see cref="RenderTarget.Force"/>);
    /// a failure is counted in the result with its message, as a batch reports it.
    /// </summary>
    public RangeResult Render(RenderTarget target, long index)
    {
        if (target.Spec.Output.Format != OutputFormat.Png)
        {
            return batch.Render(target, new IndexRange(index, 1), CancellationToken.None);
        }

        var space = new CombinationSpace(target.Spec);
        var choices = new int[space.SlotCount];
        space.Decode(index, choices);
        var buffers = RenderBuffers.Rent(spareBuffers, target.Spec.Canvas);
        try
        {
            var outcome = new StripRun(target, space, choices, layers, buffers, strips).Render();
            return new RangeResult(outcome == RenderOutcome.Rendered ? 1 : 0, outcome == RenderOutcome.Skipped ? 1 : 0, 0, []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new RangeResult(0, 0, 1, [new CombinationError(space.KeyOf(choices), e.Message)]);
        }
        finally
        {
            spareBuffers.Add(buffers);
        }
    }
}
