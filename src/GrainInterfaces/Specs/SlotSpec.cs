using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>One layer position of the stack; an optional slot adds the choice <c>none</c> after its options.</summary>
[GenerateSerializer, Immutable, Alias("k2.SlotSpec")]
public sealed record SlotSpec(string Id, bool Optional, ImmutableArray<OptionSpec> Options)
{
    /// <summary>Options plus <c>none</c> when the slot is optional.</summary>
    public int ChoiceCount => Options.Length + (Optional ? 1 : 0);
}
