
namespace K2Orleans.Grains.WordPress;

/// <summary>
/// The values of <c>_k2_build_status</c> (contracts.md §4). The editor writes the requests; the daemon moves a claimed
/// request through queued and running to an end, and only ever from a value it expects, so an editor's concurrent
/// change is never overwritten.
/// </summary>
public static class BuildStatus
{
    public const string Requested = "requested";
    public const string ForceRequested = "force_requested";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string CancelRequested = "cancel_requested";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>Values the poller looks for: new requests and builds it still owes an end.</summary>
    public static readonly IReadOnlyList<string> Watched = [Requested, ForceRequested, Queued, Running, CancelRequested];

    /// <summary>Values of a claimed build that is not finished and not asked to stop.</summary>
    public static readonly IReadOnlyList<string> InProgress = [Queued, Running];

    /// <summary>Values of a claimed build the daemon still owes an end.</summary>
    public static readonly IReadOnlyList<string> Claimed = [Queued, Running, CancelRequested];

    public static bool IsRequest(string status) => status is Requested or ForceRequested;

    /// <summary>The end a finished job gives its post.</summary>
    public static string EndOf(JobState state) => state switch
    {
        JobState.Completed => Completed,
        JobState.Failed => Failed,
        JobState.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "the job has not finished"),
    };
}
