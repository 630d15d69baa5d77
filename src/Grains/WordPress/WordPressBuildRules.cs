using System.Globalization;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// What a spec from WordPress may ask for beyond the rules of contracts.md §1. Editors are not the daemon's operators:
/// a spec alone must not decide whose images are overwritten, nor how much memory and time a build takes.
/// </summary>
/// <param name="MaxPixelsPerImage">Largest canvas, width × height (<c>WordPress:MaxPixelsPerImage</c>).</param>
/// <param name="MaxCombinations">Most combinations per trophy: the lower of the WordPress and the Rendering ceiling.</param>
/// <param name="MaxCombinationsKey">The configuration key that set <paramref name="MaxCombinations"/>, named in refusals.</param>
public sealed record WordPressBuildRules(long MaxPixelsPerImage, long MaxCombinations, string MaxCombinationsKey)
{
    public static WordPressBuildRules From(WordPressOptions wordPress, RenderingOptions rendering) =>
        rendering.MaxCombinations < wordPress.MaxCombinations
            ? new(wordPress.MaxPixelsPerImage, rendering.MaxCombinations, $"{RenderingOptions.SectionName}:{nameof(RenderingOptions.MaxCombinations)}")
            : new(wordPress.MaxPixelsPerImage, wordPress.MaxCombinations, $"{WordPressOptions.SectionName}:{nameof(WordPressOptions.MaxCombinations)}");

    /// <summary>Every rule <paramref name="spec"/> breaks; empty when it may be built.</summary>
    public IReadOnlyList<SpecProblem> Check(TrophySpec spec)
    {
        // The parser has checked the template begins with "{slug}/" (its own folder, and slugs are unique per site).
        var problems = new List<SpecProblem>();

        var pixels = (long)spec.Canvas.Width * spec.Canvas.Height;
        if (pixels > MaxPixelsPerImage)
        {
            problems.Add(new("$.canvas", $"{spec.Canvas.Width} × {spec.Canvas.Height} is {N(pixels)} pixels per image, over the ceiling of {N(MaxPixelsPerImage)} ({WordPressOptions.SectionName}:{nameof(WordPressOptions.MaxPixelsPerImage)})"));
        }

        var combinations = Combinations(spec);
        if (combinations > MaxCombinations)
        {
            var shown = combinations == long.MaxValue ? "more than 9.2 quintillion" : N(combinations);
            problems.Add(new("$.slots", $"{shown} combinations, over the ceiling of {N(MaxCombinations)} ({MaxCombinationsKey})"));
        }

        return problems;
    }

    /// <summary>The product of the slots' choice counts, saturating instead of overflowing (16 slots of 257 choices would).</summary>
    private static long Combinations(TrophySpec spec)
    {
        long total = 1;
        foreach (var slot in spec.Slots)
        {
            var choices = Math.Max(slot.ChoiceCount, 1);
            total = total > long.MaxValue / choices ? long.MaxValue : total * choices;
        }

        return total;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
