
namespace K2Orleans.Grains.Specs;

/// <summary>A spec, or every problem that keeps it from being one.</summary>
public sealed record SpecResult(TrophySpec? Spec, IReadOnlyList<SpecProblem> Problems)
{
    public bool IsValid => Spec is not null && Problems.Count == 0;

    public static SpecResult Refused(IReadOnlyList<SpecProblem> problems) => new(null, problems);
}
