using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.OnRequest;

/// <summary>A spec sent over HTTP as checked: the spec when it may be used, and every problem found.</summary>
/// <param name="Spec">Null when a rule refuses it (its layers were then not read).</param>
public sealed record RemoteSpecResult(TrophySpec? Spec, IReadOnlyList<SpecProblem> Problems);
