using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>One layer position of the stack; an optional slot adds the choice <c>none</c> after its options.</summary>
/// <param name="Label">What a customer reads for this slot; null shows the id.</param>
/// <param name="Default">The option id (or <c>none</c> for an optional slot) a page shows first; null means the first option.</param>
[GenerateSerializer, Immutable, Alias("k2.SlotSpec")]
public sealed record SlotSpec(string Id, bool Optional, ImmutableArray<OptionSpec> Options, string? Label = null, string? Default = null)
{
    /// <summary>Options plus <c>none</c> when the slot is optional.</summary>
    public int ChoiceCount => Options.Length + (Optional ? 1 : 0);
}
