using System.Text.Json.Serialization;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>
/// A trophy spec file exactly as contracts.md §1 lays it out. Kept separate from the validated
/// K2Orleans.GrainInterfaces records on purpose: this is the text a person writes, not the parsed form.
/// </summary>
internal sealed record SpecDocument(
    string Slug,
    string Name,
    CanvasModel Canvas,
    string AssetRoot,
    IReadOnlyList<SlotModel> Slots,
    OutputModel Output)
{
    /// <summary>Product of every slot's choice count (an optional slot adds <c>none</c>).</summary>
    [JsonIgnore]
    public long Combinations => Slots.Aggregate(1L, (product, slot) => product * slot.ChoiceCount);
}
