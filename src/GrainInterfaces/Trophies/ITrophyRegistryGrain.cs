using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Trophies;

/// <summary>
/// One trophy's latest checked job request, key <c>trophy:&lt;slug&gt;</c>: the spec the image endpoint renders
/// missing combinations from. The job index sets it whenever it starts a job for the trophy.
/// </summary>
[Alias("k2.ITrophyRegistryGrain")]
public interface ITrophyRegistryGrain : IGrainWithStringKey
{
    public const string KeyPrefix = "trophy:";

    public static string KeyOf(string slug) => KeyPrefix + slug;

    public static string SlugOf(string grainKey) => grainKey[KeyPrefix.Length..];

    /// <summary>Records the request of the job just started for this trophy; refused (and nothing stored) when it breaks a rule.</summary>
    [Alias("SetLatest")]
    Task SetLatestAsync(JobRequest request);

    /// <summary>The request of the trophy's latest job, or null when it never had one.</summary>
    [Alias("GetLatest")]
    Task<JobRequest?> GetLatestAsync();
}
