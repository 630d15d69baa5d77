using System.Runtime.InteropServices;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Png;

namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>
/// One <see cref="StripRenderer"/> render: the up-to-date check, the strips (from the cache, or drawn and compressed
/// now), the extra sizes and the main image, written as <see cref="CombinationRenderer"/> writes them.
/// </summary>
internal sealed class StripRun(RenderTarget target, CombinationSpace space, int[] choices, LayerStore layers, RenderBuffers buffers, DeflatePieceCache cache)
{
    private readonly TrophySpec spec = target.Spec;
    private readonly List<PlacedLayer> placed = [];
    private readonly List<Strip> strips = [];

    /// <exception cref="LayerUnavailableException">A chosen layer is missing or unreadable.</exception>
    public RenderOutcome Render()
    {
        var specHash = InputFingerprint.OfSpec(spec);
        var files = new LayerFile?[choices.Length];
        var fingerprint = InputFingerprint.OfCombinationAndLayers(space, specHash, choices, layers, files);
        var mainPath = Path.Combine(target.OutputRoot, space.RelativePathOf(choices));
        if (!target.Force && IsUpToDate(mainPath, fingerprint))
        {
            return RenderOutcome.Skipped;
        }

        Place(files);
        StripPlan.Cut(CollectionsMarshal.AsSpan(placed), spec.Canvas.Height, specHash, strips);
        var output = spec.Output;

        // Resizing needs every row; with extra sizes the whole image is drawn, and only compression is saved.
        var drawnAll = output.Sizes.Length > 0;
        if (drawnAll)
        {
            Draw(0, spec.Canvas.Height);
        }

        // Extra sizes first, the main image last: a crash in between leaves the main image stale, so it is redone.
        foreach (var size in output.Sizes)
        {
            var resized = MagickCodec.EncodeResized(buffers.Rgba, spec.Canvas.Width, spec.Canvas.Height, size.Width, output.Format, output.Quality, output.Effort);
            AtomicFileWriter.Write(CombinationSpace.SizedPath(mainPath, size.Suffix), FingerprintStamp.Embed(resized, output.Format, fingerprint));
        }

        var deflater = buffers.Deflater(PngSettings.FromQuality(output.Quality, output.Effort));
        var pieces = new DeflatePiece[strips.Count];
        for (var i = 0; i < strips.Count; i++)
        {
            var (top, bottom, key) = strips[i];
            pieces[i] = cache.GetOrAdd((key, top), () =>
            {
                if (!drawnAll)
                {
                    // The row above is drawn too: the PNG filter of the strip's first row reads it.
                    Draw(Math.Max(0, top - 1), bottom);
                }

                return deflater.CompressRows(buffers.Rgba, spec.Canvas.Width, top, bottom, reused: true).Detach();
            });
        }

        ReadOnlySpan<PngText> stamp = [FingerprintStamp.AsPngText(fingerprint)];
        var length = PngEncoder.Length(stamp, pieces);
        var file = buffers.Output(length);
        PngEncoder.Write(file, spec.Canvas.Width, spec.Canvas.Height, stamp, deflater.Header, pieces);
        AtomicFileWriter.Write(mainPath, file.AsSpan(0, length));
        return RenderOutcome.Rendered;
    }

    private bool IsUpToDate(string mainPath, string fingerprint) =>
        FingerprintStamp.Read(mainPath, spec.Output.Format) == fingerprint
        && spec.Output.Sizes.All(size => FingerprintStamp.Read(CombinationSpace.SizedPath(mainPath, size.Suffix), spec.Output.Format) == fingerprint);

    private void Place(LayerFile?[] files)
    {
        var height = spec.Canvas.Height;
        for (var s = 0; s < choices.Length; s++)
        {
            if (space.OptionOf(s, choices[s]) is not { } option)
            {
                continue;
            }

            var pixels = files[s]!.Decode();
            var (top, bottom) = (Math.Clamp(option.Y, 0, height), Math.Clamp(option.Y + pixels.Height, 0, height));
            if (bottom > top)
            {
                placed.Add(new PlacedLayer(s, option, files[s]!.ContentHash, pixels, top, bottom));
            }
        }
    }

    /// <summary>Composites rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) into the buffers' RGBA, every layer that meets them.</summary>
    private void Draw(int rowStart, int rowEnd)
    {
        var (width, height) = (spec.Canvas.Width, spec.Canvas.Height);
        var floats = buffers.PrefixCanvas.AsSpan(rowStart * width * 4, (rowEnd - rowStart) * width * 4);
        Compositor.Fill(floats, spec.Canvas.Background);
        foreach (var layer in placed)
        {
            if (layer.Touches(rowStart, rowEnd))
            {
                Compositor.Over(buffers.PrefixCanvas, width, height, layer.Pixels, layer.Option.X, layer.Option.Y, layer.Option.Tint, rowStart, rowEnd);
            }
        }

        Compositor.ToRgba(floats, buffers.Rgba.AsSpan(rowStart * width * 4, (rowEnd - rowStart) * width * 4));
    }
}
