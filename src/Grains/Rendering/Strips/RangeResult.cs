
namespace K2Orleans.Grains.Rendering.Strips;

/// <summary>Counts for a rendered index range; <see cref="Processed"/> is below the range's size only when cancelled.</summary>
/// <param name="Errors">The failures grouped by message (<see cref="Progress.ErrorGroups"/>), at most <see cref="MaxErrors"/> of them.</param>
public sealed record RangeResult(int Rendered, int Skipped, int Failed, IReadOnlyList<CombinationError> Errors)
{
    public const int MaxErrors = 20;

    public int Processed => Rendered + Skipped + Failed;
}
