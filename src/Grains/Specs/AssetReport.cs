namespace K2Orleans.Grains.Specs;

/// <summary>
/// What checking a spec's images found. <see cref="Refusals"/> break a rule (an image reached through a link
/// that leaves the asset root) and refuse the spec; <see cref="Unusable"/> images (missing, undecodable, too large)
/// only fail the combinations that use them when rendering, but <c>k2 validate</c> reports them as problems.
/// </summary>
public sealed record AssetReport(IReadOnlyList<SpecProblem> Refusals, IReadOnlyList<SpecProblem> Unusable)
{
    public IEnumerable<SpecProblem> All => Refusals.Concat(Unusable);
}
