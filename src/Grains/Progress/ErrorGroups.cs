using System.Globalization;

namespace K2Orleans.Grains.Progress;

/// <summary>
/// Failures grouped by message. A missing or broken layer fails every combination that uses it with one message that
/// names the file, so the failures are kept as one entry per message with the number of combinations it failed (and
/// the first of them as the key): thousands of identical lines would bury every other problem. Wraps the list it
/// fills, so a job's stored errors are grouped where they live. Beyond <c>limit</c> distinct messages new ones are
/// dropped; their combinations are still counted as failed by whoever counts.
/// </summary>
public sealed class ErrorGroups
{
    private readonly List<CombinationError> groups;
    private readonly Dictionary<string, int> indexByMessage = new(StringComparer.Ordinal);
    private readonly int limit;

    public ErrorGroups(List<CombinationError> groups, int limit)
    {
        this.groups = groups;
        this.limit = limit;
        for (var i = 0; i < groups.Count; i++)
        {
            indexByMessage.TryAdd(groups[i].Message, i);
        }
    }

    public IReadOnlyList<CombinationError> Entries => groups;

    public void Add(CombinationError error)
    {
        // An entry from before counts existed reads Count 0 from some serializers: it stood for one combination.
        var count = Math.Max(1, error.Count);
        if (indexByMessage.TryGetValue(error.Message, out var index))
        {
            groups[index] = groups[index] with { Count = Math.Max(1, groups[index].Count) + count };
        }
        else if (groups.Count < limit)
        {
            indexByMessage[error.Message] = groups.Count;
            groups.Add(error with { Count = count });
        }
    }

    public void AddRange(IEnumerable<CombinationError> errors)
    {
        foreach (var error in errors)
        {
            Add(error);
        }
    }

    /// <summary>The entry as readers see it: the message says how many combinations it failed when more than one.</summary>
    public static CombinationError Describe(CombinationError error) => error.Count > 1
        ? error with { Message = string.Create(CultureInfo.InvariantCulture, $"{error.Message} ({error.Count} combinations)") }
        : error;
}
