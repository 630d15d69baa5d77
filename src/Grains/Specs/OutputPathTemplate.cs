using System.Text;

namespace K2Orleans.Grains.Specs;

/// <summary>
/// The <c>output.path</c> template: checked once when the spec is read, then filled per combination.
/// Filled values are ids ([a-z0-9-]), so a template that passes <see cref="Check"/> can never leave the output root.
/// </summary>
public sealed class OutputPathTemplate
{
    /// <summary>How every template begins.</summary>
    public const string SlugFolder = "{slug}/";

    private readonly Part[] parts;

    private OutputPathTemplate(Part[] parts) => this.parts = parts;

    public static OutputPathTemplate Compile(string template, IReadOnlyList<string> slotIds)
    {
        var parts = new List<Part>();
        foreach (var (literal, placeholder) in TryTokenize(template) ?? throw new ArgumentException("unbalanced braces", nameof(template)))
        {
            if (literal is not null)
            {
                parts.Add(new Part(PartKind.Literal, literal, -1));
                continue;
            }

            parts.Add(placeholder switch
            {
                "slug" => new Part(PartKind.Slug, null, -1),
                "key" => new Part(PartKind.Key, null, -1),
                "ext" => new Part(PartKind.Extension, null, -1),
                _ => new Part(PartKind.Slot, null, IndexOf(slotIds, placeholder!)),
            });
        }

        return new OutputPathTemplate([.. parts]);
    }

    /// <summary>Every reason the template is unusable; empty when it is fine.</summary>
    public static IEnumerable<string> Check(string template, IEnumerable<string> slotIds)
    {
        var ids = slotIds.ToHashSet(StringComparer.Ordinal);
        if (template.Length is 0 or > 512)
        {
            yield return "must be 1 to 512 characters";
            yield break;
        }

        if (template.StartsWith('/') || template.Contains('\\') || template.Contains('\0'))
        {
            yield return $"'{template}' must be a relative path with '/' separators";
            yield break;
        }

        // Every image of a trophy stays in its own folder, so no trophy's spec can name another trophy's files.
        if (!template.StartsWith(SlugFolder, StringComparison.Ordinal))
        {
            yield return $"'{template}' must begin with '{SlugFolder}', so that the images stay in the trophy's own folder";
            yield break;
        }

        var tokens = TryTokenize(template);
        if (tokens is null)
        {
            yield return $"'{template}' has an unbalanced '{{' or '}}'";
            yield break;
        }

        var usedSlots = new HashSet<string>(StringComparer.Ordinal);
        var hasKey = false;
        foreach (var token in tokens.Where(t => t.Placeholder is not null).Select(t => t.Placeholder!))
        {
            if (token == "key")
            {
                hasKey = true;
            }
            else if (ids.Contains(token))
            {
                usedSlots.Add(token);
            }
            else if (token is not ("slug" or "ext"))
            {
                yield return $"unknown placeholder '{{{token}}}'; use {{slug}}, {{key}}, {{ext}} or a slot id";
            }
        }

        if (!hasKey && !ids.SetEquals(usedSlots))
        {
            yield return "must contain {key} or every slot's placeholder, so that each combination gets its own file";
        }

        foreach (var segment in template.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                yield return $"'{template}' has an empty, '.' or '..' path segment";
                yield break;
            }
        }
    }

    /// <summary>Fills the template; <paramref name="optionIds"/> holds the chosen option id per slot ("none" for a left-out slot).</summary>
    public string Fill(string slug, string key, string extension, ReadOnlySpan<string> optionIds)
    {
        var builder = new StringBuilder(64);
        foreach (var part in parts)
        {
            builder.Append(part.Kind switch
            {
                PartKind.Literal => part.Text,
                PartKind.Slug => slug,
                PartKind.Key => key,
                PartKind.Extension => extension,
                _ => optionIds[part.SlotIndex],
            });
        }

        return builder.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return i;
            }
        }

        throw new ArgumentException($"unknown placeholder '{{{id}}}'", nameof(ids));
    }

    private static List<(string? Literal, string? Placeholder)>? TryTokenize(string template)
    {
        var result = new List<(string?, string?)>();
        var start = 0;
        while (start < template.Length)
        {
            var open = template.IndexOf('{', start);
            var close = template.IndexOf('}', start);
            if (open < 0)
            {
                if (close >= 0)
                {
                    return null;
                }

                result.Add((template[start..], null));
                break;
            }

            var nextOpen = template.IndexOf('{', open + 1);
            if (close < open || (nextOpen >= 0 && nextOpen < close))
            {
                return null;
            }

            if (open > start)
            {
                result.Add((template[start..open], null));
            }

            result.Add((null, template[(open + 1)..close]));
            start = close + 1;
        }

        return result;
    }

    private enum PartKind
    {
        Literal,
        Slug,
        Key,
        Extension,
        Slot,
    }

    private readonly record struct Part(PartKind Kind, string? Text, int SlotIndex);
}
