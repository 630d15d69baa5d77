namespace K2Orleans.GrainInterfaces.WordPress;

/// <summary>
/// The cluster's one WordPress poller (key <c>poller:wordpress</c>): claims build requests from the WordPress
/// database, starts their jobs and writes status and progress back.
/// </summary>
[Alias("k2.IWordPressPollerGrain")]
public interface IWordPressPollerGrain : IGrainWithStringKey
{
    public const string Key = "poller:wordpress";

    /// <summary>Starts polling when WordPress integration is enabled; a no-op while it already polls.</summary>
    [Alias("EnsurePolling")]
    Task EnsurePollingAsync();

    /// <summary>Where the poller runs and how its polls went.</summary>
    [Alias("GetStatus")]
    Task<PollerStatus> GetStatusAsync();
}
