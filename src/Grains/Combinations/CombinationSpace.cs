using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.Combinations;

/// <summary>
/// Every combination of one choice per slot, numbered 0..Total-1 in mixed radix with the last slot varying fastest.
/// Choice c of a slot is its option c; an optional slot's last choice (c == Options.Length) is <c>none</c>.
/// Nothing is materialised per combination: index, choices, key and path convert into each other on demand.
/// </summary>
public sealed class CombinationSpace
{
    private readonly int[] radix;
    private readonly long[] weight;
    private readonly Dictionary<string, int>[] choiceByOptionId;
    private readonly OutputPathTemplate pathTemplate;

    public CombinationSpace(TrophySpec spec)
    {
        Spec = spec;
        var slots = spec.Slots;
        radix = new int[slots.Length];
        weight = new long[slots.Length];
        choiceByOptionId = new Dictionary<string, int>[slots.Length];
        long total = 1;
        for (var s = slots.Length - 1; s >= 0; s--)
        {
            radix[s] = slots[s].ChoiceCount;
            weight[s] = total;
            total = checked(total * radix[s]);
            choiceByOptionId[s] = slots[s].Options.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            if (slots[s].Optional)
            {
                choiceByOptionId[s][SpecRules.NoneChoice] = slots[s].Options.Length;
            }
        }

        Total = total;
        Extension = OutputDefaults.Extension(spec.Output.Format);
        pathTemplate = OutputPathTemplate.Compile(spec.Output.PathTemplate, [.. slots.Select(s => s.Id)]);
    }

    public TrophySpec Spec { get; }

    public long Total { get; }

    public int SlotCount => radix.Length;

    public string Extension { get; }

    /// <summary>Writes the choice per slot of combination <paramref name="index"/> into <paramref name="choices"/>.</summary>
    public void Decode(long index, Span<int> choices)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Total);
        for (var s = 0; s < radix.Length; s++)
        {
            choices[s] = (int)(index / weight[s]);
            index -= choices[s] * weight[s];
        }
    }

    public long Encode(ReadOnlySpan<int> choices)
    {
        long index = 0;
        for (var s = 0; s < radix.Length; s++)
        {
            if ((uint)choices[s] >= (uint)radix[s])
            {
                throw new ArgumentOutOfRangeException(nameof(choices), $"choice {choices[s]} of slot '{Spec.Slots[s].Id}' is not 0..{radix[s] - 1}");
            }

            index += choices[s] * weight[s];
        }

        return index;
    }

    /// <summary>The option picked for <paramref name="slot"/>, or null when the slot is left out.</summary>
    public OptionSpec? OptionOf(int slot, int choice)
    {
        var options = Spec.Slots[slot].Options;
        return choice < options.Length ? options[choice] : null;
    }

    public string OptionIdOf(int slot, int choice) => OptionOf(slot, choice)?.Id ?? SpecRules.NoneChoice;

    /// <summary>The combination a page shows first: each slot's <c>default</c>, else its first option.</summary>
    public string DefaultKey()
    {
        var choices = new int[SlotCount];
        for (var s = 0; s < choices.Length; s++)
        {
            var slot = Spec.Slots[s];
            choices[s] = slot.Default == SpecRules.NoneChoice ? slot.Options.Length : 0;
            for (var o = 0; o < slot.Options.Length; o++)
            {
                if (slot.Options[o].Id == slot.Default)
                {
                    choices[s] = o;
                }
            }
        }

        return KeyOf(choices);
    }

    public string KeyOf(ReadOnlySpan<int> choices)
    {
        var ids = new string[radix.Length];
        for (var s = 0; s < ids.Length; s++)
        {
            ids[s] = OptionIdOf(s, choices[s]);
        }

        return string.Join('_', ids);
    }

    public string KeyOf(long index)
    {
        Span<int> choices = stackalloc int[radix.Length];
        Decode(index, choices);
        return KeyOf(choices);
    }

    /// <summary>The index of a key such as <c>walnut_gold_none</c>, or null when it names no combination.</summary>
    public long? IndexOfKey(string key)
    {
        var ids = key.Split('_');
        if (ids.Length != radix.Length)
        {
            return null;
        }

        Span<int> choices = stackalloc int[radix.Length];
        for (var s = 0; s < ids.Length; s++)
        {
            if (!choiceByOptionId[s].TryGetValue(ids[s], out choices[s]))
            {
                return null;
            }
        }

        return Encode(choices);
    }

    /// <summary>The main image's path relative to the output root, with '/' separators.</summary>
    public string RelativePathOf(ReadOnlySpan<int> choices)
    {
        var ids = new string[radix.Length];
        for (var s = 0; s < ids.Length; s++)
        {
            ids[s] = OptionIdOf(s, choices[s]);
        }

        return pathTemplate.Fill(Spec.Slug, string.Join('_', ids), Extension, ids);
    }

    /// <summary>An extra size's path: the suffix goes before the extension.</summary>
    public static string SizedPath(string mainPath, string suffix)
    {
        var slash = mainPath.LastIndexOf('/');
        var dot = mainPath.LastIndexOf('.');
        return dot > slash ? string.Concat(mainPath.AsSpan(0, dot), suffix, mainPath.AsSpan(dot)) : mainPath + suffix;
    }
}
