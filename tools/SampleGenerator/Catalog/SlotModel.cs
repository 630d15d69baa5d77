using System.Text.Json.Serialization;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>One slot of a spec; <c>optional</c> is written only when true, as a person would write it.</summary>
/// <param name="Label">What a customer reads; written after the id.</param>
/// <param name="Default">The option shown first; absent means the first.</param>
internal sealed record SlotModel(
    string Id,
    string? Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Optional,
    IReadOnlyList<OptionModel> Options,
    string? Default = null)
{
    [JsonIgnore]
    public int ChoiceCount => Options.Count + (Optional ? 1 : 0);
}
