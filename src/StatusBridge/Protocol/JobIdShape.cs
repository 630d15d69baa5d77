using System.Text.RegularExpressions;

namespace K2Orleans.StatusBridge.Protocol;

/// <summary>
/// The shape of the job ids the cluster hands out (JobKeys.NewJobId in the grains): the trophy slug (contracts.md §1,
/// <c>[a-z0-9][a-z0-9-]{0,62}</c>), the UTC start as <c>-yyyyMMddTHHmmssZ</c>, and <c>-2</c>, <c>-3</c>... for a second
/// job of one trophy started in the same second. Anything else cannot name a job, so it never reaches the cluster.
/// </summary>
public static partial class JobIdShape
{
    /// <summary>Longest id of that shape: a 63-character slug, the 17-character time and a 10-digit counter.</summary>
    public const int MaxLength = 63 + 17 + 11;

    public const string Example = "classic-cup-20261128T211000Z";

    // \A and \z rather than ^ and $: '$' also matches before a final '\n', which would let "id\n" through.
    // [0-9] rather than \d: \d takes any Unicode digit.
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9-]{0,62}-[0-9]{8}T[0-9]{6}Z(?:-[0-9]{1,10})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsMatch(string id) => id.Length <= MaxLength && Pattern().IsMatch(id);
}
