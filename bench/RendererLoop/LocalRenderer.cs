using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Progress;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;

namespace K2Orleans.Bench.RendererLoop;

/// <summary>
/// Renders a whole spec in this process with N parallel workers and no Orleans: the renderer's tight loop, used by
/// the benchmark and as the reference the engine is measured against.
/// </summary>
public sealed class LocalRenderer(CombinationRenderer renderer)
{
    public const int DefaultRangeSize = 64;

    public async Task<RangeResult> RenderAllAsync(RenderTarget target, int parallel, Action<RenderOutcome>? onEach, CancellationToken cancellation)
    {
        var total = new CombinationSpace(target.Spec).Total;
        long next = 0;
        var results = new RangeResult[parallel];
        var workers = Enumerable.Range(0, parallel).Select(worker => Task.Run(() =>
        {
            int rendered = 0, skipped = 0, failed = 0;
            var errors = new List<CombinationError>();
            var groups = new ErrorGroups(errors, RangeResult.MaxErrors);
            while (!cancellation.IsCancellationRequested)
            {
                var start = Interlocked.Add(ref next, DefaultRangeSize) - DefaultRangeSize;
                if (start >= total)
                {
                    break;
                }

                var range = new IndexRange(start, (int)Math.Min(DefaultRangeSize, total - start));
                var result = renderer.Render(target, range, cancellation, onEach);
                rendered += result.Rendered;
                skipped += result.Skipped;
                failed += result.Failed;
                groups.AddRange(result.Errors);
            }

            results[worker] = new RangeResult(rendered, skipped, failed, errors);
        }, CancellationToken.None));
        await Task.WhenAll(workers);
        var all = new List<CombinationError>();
        new ErrorGroups(all, RangeResult.MaxErrors).AddRange(results.SelectMany(r => r.Errors));
        return new RangeResult(results.Sum(r => r.Rendered), results.Sum(r => r.Skipped), results.Sum(r => r.Failed), all);
    }
}
