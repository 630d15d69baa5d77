using System.Text.RegularExpressions;

namespace K2Orleans.Grains.Specs;

/// <summary>The limits of contracts.md §1, in one place.</summary>
public static partial class SpecRules
{
    public const int MaxCanvasSide = 8192;
    public const int MaxSlots = 16;
    public const int MaxOptionsPerSlot = 256;
    public const string NoneChoice = "none";

    /// <summary>Longest slot or option label (plain text shown to customers).</summary>
    public const int MaxLabelLength = 100;

    /// <summary>Problems listed for one spec; the rest are counted in a last line, so a hostile spec cannot flood a log.</summary>
    public const int MaxListedProblems = 100;

    // \A and \z, not ^ and $: .NET's $ also matches before a final newline, so "cup\n" would pass.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);
}
