using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Output;

namespace K2Orleans.Grains.OnRequest;

/// <summary>
/// A trophy as its latest job defines it, ready to answer image requests: which file names exist (every key, with
/// each size's suffix, in the spec's format) and where the build writes each.
/// </summary>
public sealed class TrophyImages
{
    private readonly string[] suffixesLongestFirst;

    public TrophyImages(JobRequest request)
    {
        Request = request;
        Space = new CombinationSpace(request.Spec);
        SpecHash = InputFingerprint.OfSpec(request.Spec);

        // Never forced: a combination another writer brought up to date is skipped, not rendered twice.
        Target = new RenderTarget(request.Spec, request.OutputRoot, Force: false);
        suffixesLongestFirst = [.. request.Spec.Output.Sizes.Select(s => s.Suffix).OrderByDescending(s => s.Length)];
    }

    public JobRequest Request { get; }

    public CombinationSpace Space { get; }

    public UInt128 SpecHash { get; }

    public RenderTarget Target { get; }

    public OutputFormat Format => Request.Spec.Output.Format;

    /// <summary>
    /// The file <c>{key}{suffix}.{ext}</c> names, or null when it names none of this trophy's outputs. A name that is a
    /// whole key is the main image (option ids may contain '-', so a key can end like a suffix).
    /// </summary>
    public ImageAddress? Find(string fileName)
    {
        var ending = "." + Space.Extension;
        if (!fileName.EndsWith(ending, StringComparison.Ordinal))
        {
            return null;
        }

        var stem = fileName[..^ending.Length];
        if (Address(stem, "") is { } main)
        {
            return main;
        }

        foreach (var suffix in suffixesLongestFirst)
        {
            if (stem.EndsWith(suffix, StringComparison.Ordinal) && Address(stem[..^suffix.Length], suffix) is { } sized)
            {
                return sized;
            }
        }

        return null;
    }

    private ImageAddress? Address(string key, string suffix)
    {
        if (Space.IndexOfKey(key) is not { } index)
        {
            return null;
        }

        Span<int> choices = stackalloc int[Space.SlotCount];
        Space.Decode(index, choices);
        var main = Path.Combine(Request.OutputRoot, Space.RelativePathOf(choices));
        return new ImageAddress(index, key, suffix, main, suffix.Length == 0 ? main : CombinationSpace.SizedPath(main, suffix));
    }
}
