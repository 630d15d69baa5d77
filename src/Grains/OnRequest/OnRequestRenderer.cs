using System.Collections.Concurrent;
using System.Diagnostics;
using K2Orleans.Grains.Rendering.Gate;
using K2Orleans.Grains.Rendering.Layers;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Strips;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// Answers an image request from any silo: a file whose stamped fingerprint is current is sent as it is; a missing or
/// stale one is rendered now, in the render gate's interactive lane, with the pixels, stamp and atomic write of a
/// batch's (<see cref="StripRenderer"/>), so the build later finds it up to date and skips it. The file is read whole
/// once (<see cref="ImageFile"/>): its stamp is checked and its bytes sent from the same read. Requests for a
/// combination already being rendered wait for that render instead of starting another.
/// </summary>
public sealed partial class OnRequestRenderer(
    TrophyCatalog catalog, LayerStore layers, StripRenderer renderer, RenderGate gate, PendingRenders pending, OnRequestCounters counters, ILogger<OnRequestRenderer> logger)
{
    // Keyed by the main image's path: one render writes the main image and every size.
    private readonly ConcurrentDictionary<string, Task<RangeResult>> inFlight = new(StringComparer.Ordinal);

    /// <param name="cancellation">The request's: a render it started still finishes (others may wait for it, and the file is wanted anyway).</param>
    public async Task<ImageLookup> FindAsync(string slug, string fileName, CancellationToken cancellation)
    {
        var trophy = await catalog.FindAsync(slug);
        if (trophy?.Find(fileName) is not { } address)
        {
            counters.NotFound();
            return ImageLookup.NotFound;
        }

        var choices = new int[trophy.Space.SlotCount];
        trophy.Space.Decode(address.Index, choices);
        string fingerprint;
        try
        {
            fingerprint = InputFingerprint.OfCombination(trophy.Space, trophy.SpecHash, choices, layers);
        }
        catch (LayerUnavailableException e)
        {
            return Failed(slug, address, e.Message);
        }

        var file = ImageFile.TryRead(address.Path, trophy.Format);
        if (file?.Fingerprint != fingerprint)
        {
            file?.Dispose();
            var started = Stopwatch.GetTimestamp();
            if (await RenderOnceAsync(trophy, address, cancellation) is not { } result)
            {
                counters.Busy();
                return ImageLookup.Busy;
            }

            counters.Waited(Stopwatch.GetElapsedTime(started));
            if (result.Failed > 0)
            {
                return Failed(slug, address, result.Errors.FirstOrDefault()?.Message ?? "render failed");
            }

            // Sent as read now, with the fingerprint stamped in it: a layer edited meanwhile may have made it newer.
            file = ImageFile.TryRead(address.Path, trophy.Format);
            if (file?.Fingerprint is null)
            {
                file?.Dispose();
                return Failed(slug, address, "the rendered file was gone or unstamped before it could be sent");
            }
        }

        counters.Served();
        return new ImageLookup(ImageLookupKind.Ready, file, trophy.Format);
    }

    /// <summary>The render of this combination: one already under way, or a new one; null when no place is free.</summary>
    private async Task<RangeResult?> RenderOnceAsync(TrophyImages trophy, ImageAddress address, CancellationToken cancellation)
    {
        while (true)
        {
            if (inFlight.TryGetValue(address.MainPath, out var running))
            {
                counters.Coalesced();
                return await running.WaitAsync(cancellation);
            }

            if (!pending.TryEnter())
            {
                return null;
            }

            var mine = new TaskCompletionSource<RangeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!inFlight.TryAdd(address.MainPath, mine.Task))
            {
                // Another request started it between the look-up and now: join that one.
                pending.Exit();
                continue;
            }

            try
            {
                var result = await gate.RunAsync(
                    _ => renderer.Render(trophy.Target, address.Index), CancellationToken.None, RenderLane.Interactive);
                if (result.Rendered > 0)
                {
                    counters.Rendered();
                }

                mine.SetResult(result);
                return result;
            }
            catch (Exception e)
            {
                mine.SetException(e);
                throw;
            }
            finally
            {
                inFlight.TryRemove(new KeyValuePair<string, Task<RangeResult>>(address.MainPath, mine.Task));
                pending.Exit();
            }
        }
    }

    private ImageLookup Failed(string slug, ImageAddress address, string message)
    {
        LogFailed(logger, slug, address.Key, message);
        return new ImageLookup(ImageLookupKind.Failed, Message: message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "On-request image {Key} of trophy {Trophy} cannot be rendered: {Reason}")]
    private static partial void LogFailed(ILogger logger, string trophy, string key, string reason);
}
