using System.Text.RegularExpressions;

namespace K2Orleans.SampleGenerator.Tests.Support;

/// <summary>The trophy spec rules of contracts.md §1 that a generated spec can break; returns every problem.</summary>
public static partial class SpecRules
{
    public static IReadOnlyList<string> Problems(SpecFile spec)
    {
        var problems = new List<string>();
        CheckId(problems, "slug", spec.Slug);
        if (spec.CanvasWidth is < 1 or > 8192 || spec.CanvasHeight is < 1 or > 8192)
        {
            problems.Add($"canvas {spec.CanvasWidth}x{spec.CanvasHeight} is outside 1..8192");
        }

        if (spec.Background != "transparent" && !ColourPattern().IsMatch(spec.Background))
        {
            problems.Add($"background '{spec.Background}' is not transparent, #rrggbb or #rrggbbaa");
        }

        if (spec.Slots.Count is < 1 or > 16)
        {
            problems.Add($"{spec.Slots.Count} slots; 1..16 allowed");
        }

        CheckUnique(problems, "slot ids", spec.Slots.Select(s => s.Id));
        foreach (var slot in spec.Slots)
        {
            CheckId(problems, $"slot '{slot.Id}'", slot.Id);
            if (slot.Options.Count is < 1 or > 256)
            {
                problems.Add($"slot '{slot.Id}' has {slot.Options.Count} options; 1..256 allowed");
            }

            CheckUnique(problems, $"option ids of '{slot.Id}'", slot.Options.Select(o => o.Id));
            foreach (var option in slot.Options)
            {
                CheckId(problems, $"option '{slot.Id}.{option.Id}'", option.Id);
                if (option.Tint is { } tint && !TintPattern().IsMatch(tint))
                {
                    problems.Add($"option '{slot.Id}.{option.Id}' tint '{tint}' is not #rrggbb");
                }

                if (Path.IsPathRooted(option.Image) || option.Image.Contains('\\') || option.Image.Split('/').Contains(".."))
                {
                    problems.Add($"option '{slot.Id}.{option.Id}' image '{option.Image}' does not stay inside the asset root");
                }
            }
        }

        return problems;
    }

    private static void CheckId(List<string> problems, string what, string id)
    {
        if (!IdPattern().IsMatch(id))
        {
            problems.Add($"{what}: '{id}' does not match ^[a-z0-9][a-z0-9-]{{0,62}}$");
        }
        else if (id == "none")
        {
            problems.Add($"{what}: 'none' is reserved");
        }
    }

    private static void CheckUnique(List<string> problems, string what, IEnumerable<string> ids)
    {
        foreach (var duplicate in ids.GroupBy(id => id).Where(g => g.Count() > 1))
        {
            problems.Add($"{what}: '{duplicate.Key}' appears {duplicate.Count()} times");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex TintPattern();

    [GeneratedRegex("^#[0-9a-f]{6}([0-9a-f]{2})?$")]
    private static partial Regex ColourPattern();
}
