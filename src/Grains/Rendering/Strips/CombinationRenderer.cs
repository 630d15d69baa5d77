using System.Collections.Concurrent;
using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Progress;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>
/// Renders a range of combinations: skip what is up to date, composite, encode, write atomically.
/// The last slot varies fastest, so the lower slots' composite is built once and reused while only the top layer
/// changes. One call is single-threaded and owns its buffers; calls for different ranges may run in parallel.
/// </summary>
public sealed class CombinationRenderer(LayerStore layers)
{
    private readonly ConcurrentBag<RenderBuffers> spareBuffers = [];
    private readonly DeflatePieceCache sharedPieces = new(DeflatePieceCache.DefaultBudgetBytes);

    public RangeResult Render(RenderTarget target, IndexRange range, CancellationToken cancellation, Action<RenderOutcome>? onEach = null)
    {
        var buffers = RenderBuffers.Rent(spareBuffers, target.Spec.Canvas);
        try
        {
            return Render(new RangeRun(target, layers, buffers, sharedPieces), range, cancellation, onEach);
        }
        finally
        {
            spareBuffers.Add(buffers);
        }
    }

    private static RangeResult Render(RangeRun run, IndexRange range, CancellationToken cancellation, Action<RenderOutcome>? onEach)
    {
        int rendered = 0, skipped = 0, failed = 0;
        var errors = new List<CombinationError>();
        var groups = new ErrorGroups(errors, RangeResult.MaxErrors);

        // Checked between images, never inside one: a stop takes at most one image's time and leaves files whole.
        for (var index = range.Start; index < range.End && !cancellation.IsCancellationRequested; index++)
        {
            var outcome = run.RenderOne(index, out var error);
            switch (outcome)
            {
                case RenderOutcome.Rendered:
                    rendered++;
                    break;
                case RenderOutcome.Skipped:
                    skipped++;
                    break;
                default:
                    failed++;
                    groups.Add(error!);
                    break;
            }

            onEach?.Invoke(outcome);
        }

        return new RangeResult(rendered, skipped, failed, errors);
    }

    private sealed class RangeRun
    {
        private readonly RenderTarget target;
        private readonly CombinationSpace space;
        private readonly LayerFile?[][] layerFiles;
        private readonly UInt128 specHash;

        // The fingerprint folded over the lower slots only: names the prefix image's content for shared caches.
        private UInt128 prefixHash;
        private readonly int[] choices;
        private readonly int[] prefixChoices;
        private readonly float[] prefixCanvas;
        private readonly byte[] prefixRgba;
        private readonly byte[] rgba;
        private readonly PngBandEncoder? png;
        private bool prefixReady;

        // Rows of rgba that may differ from prefixRgba: the last top layer's band.
        private int dirtyTop;
        private int dirtyBottom;

        public RangeRun(RenderTarget target, LayerStore layers, RenderBuffers buffers, DeflatePieceCache sharedPieces)
        {
            this.target = target;
            space = new CombinationSpace(target.Spec);
            var root = LayerStore.Root(target.Spec.AssetRoot);
            layerFiles = [.. target.Spec.Slots.Select(slot => slot.Options.Select(o => (LayerFile?)layers.Get(root, o.Image)).ToArray())];
            specHash = InputFingerprint.OfSpec(target.Spec);
            choices = new int[space.SlotCount];
            prefixChoices = new int[space.SlotCount - 1];
            prefixCanvas = buffers.PrefixCanvas;
            prefixRgba = buffers.PrefixRgba;
            rgba = buffers.Rgba;
            png = target.Spec.Output.Format == OutputFormat.Png ? buffers.Png(PngSettings.FromQuality(target.Spec.Output.Quality, target.Spec.Output.Effort), sharedPieces) : null;

            // Also in a run where everything is up to date, so a killed run's leftovers go at the next run.
            space.Decode(0, choices);
            AtomicFileWriter.SweepOnce(Path.GetDirectoryName(Path.Combine(target.OutputRoot, space.RelativePathOf(choices)))!);
        }

        public RenderOutcome RenderOne(long index, out CombinationError? error)
        {
            error = null;
            space.Decode(index, choices);
            var key = space.KeyOf(choices);
            try
            {
                var fingerprint = Fingerprint();
                var mainPath = Path.Combine(target.OutputRoot, space.RelativePathOf(choices));
                var format = target.Spec.Output.Format;
                if (!target.Force && IsUpToDate(mainPath, format, fingerprint))
                {
                    return RenderOutcome.Skipped;
                }

                var (bandTop, bandBottom) = Composite();
                Write(mainPath, fingerprint, bandTop, bandBottom);
                return RenderOutcome.Rendered;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                error = new CombinationError(key, e.Message);
                return RenderOutcome.Failed;
            }
        }

        private string Fingerprint()
        {
            var hash = specHash;
            for (var s = 0; s < choices.Length; s++)
            {
                if (s == choices.Length - 1)
                {
                    prefixHash = hash;
                }

                var option = space.OptionOf(s, choices[s]);
                var file = option is null ? null : layerFiles[s][choices[s]];
                if (file?.Reason is { } problem)
                {
                    throw new LayerUnavailableException(option!.Image, problem);
                }

                hash = InputFingerprint.Add(hash, s, option, file?.ContentHash ?? default);
            }

            return InputFingerprint.ToHex(hash);
        }

        private bool IsUpToDate(string mainPath, OutputFormat format, string fingerprint)
        {
            if (FingerprintStamp.Read(mainPath, format) != fingerprint)
            {
                return false;
            }

            foreach (var size in target.Spec.Output.Sizes)
            {
                if (FingerprintStamp.Read(CombinationSpace.SizedPath(mainPath, size.Suffix), format) != fingerprint)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Composites the current choices into rgba; returns the rows where it differs from the prefix.</summary>
        private (int Top, int Bottom) Composite()
        {
            var canvas = target.Spec.Canvas;
            var top = choices.Length - 1;
            var rowBytes = canvas.Width * 4;
            if (!prefixReady || !choices.AsSpan(0, top).SequenceEqual(prefixChoices))
            {
                prefixReady = false;
                Compositor.Fill(prefixCanvas, canvas.Background);
                for (var s = 0; s < top; s++)
                {
                    if (space.OptionOf(s, choices[s]) is { } option)
                    {
                        Compositor.Over(prefixCanvas, canvas.Width, canvas.Height, layerFiles[s][choices[s]]!.Decode(), option.X, option.Y, option.Tint);
                    }
                }

                Compositor.ToRgba(prefixCanvas, prefixRgba);
                choices.AsSpan(0, top).CopyTo(prefixChoices);
                png?.SetBase(prefixRgba, prefixHash);
                prefixRgba.CopyTo(rgba, 0);
                prefixReady = true;
            }
            else
            {
                prefixRgba.AsSpan(dirtyTop * rowBytes, (dirtyBottom - dirtyTop) * rowBytes).CopyTo(rgba.AsSpan(dirtyTop * rowBytes));
            }

            (dirtyTop, dirtyBottom) = (0, 0);
            if (space.OptionOf(top, choices[top]) is { } topOption)
            {
                var layer = layerFiles[top][choices[top]]!.Decode();
                Compositor.OverInto(prefixCanvas, canvas.Width, canvas.Height, layer, topOption.X, topOption.Y, topOption.Tint, rgba);
                (dirtyTop, dirtyBottom) = (Math.Clamp(topOption.Y, 0, canvas.Height), Math.Clamp(topOption.Y + layer.Height, 0, canvas.Height));
            }

            return (dirtyTop, dirtyBottom);
        }

        private void Write(string mainPath, string fingerprint, int bandTop, int bandBottom)
        {
            var spec = target.Spec;
            var output = spec.Output;

            // Extra sizes first, the main image last: a crash in between leaves the main image stale, so it is redone.
            foreach (var size in output.Sizes)
            {
                var resized = MagickCodec.EncodeResized(rgba, spec.Canvas.Width, spec.Canvas.Height, size.Width, output.Format, output.Quality, output.Effort);
                AtomicFileWriter.Write(CombinationSpace.SizedPath(mainPath, size.Suffix), FingerprintStamp.Embed(resized, output.Format, fingerprint));
            }

            if (png is not null)
            {
                AtomicFileWriter.Write(mainPath, png.Encode(rgba, bandTop, bandBottom, [FingerprintStamp.AsPngText(fingerprint)]));
                return;
            }

            var encoded = MagickCodec.Encode(rgba, spec.Canvas.Width, spec.Canvas.Height, output.Format, output.Quality, output.Effort);
            AtomicFileWriter.Write(mainPath, FingerprintStamp.Embed(encoded, output.Format, fingerprint));
        }
    }
}
