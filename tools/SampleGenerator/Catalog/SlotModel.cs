using System.Text.Json.Serialization;

namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>One slot of a spec; <c>optional</c> is written only when true, as a person would write it.</summary>
internal sealed record SlotModel(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Optional,
    IReadOnlyList<OptionModel> Options)
{
    [JsonIgnore]
    public int ChoiceCount => Options.Count + (Optional ? 1 : 0);
}
