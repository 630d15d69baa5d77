namespace K2Orleans.GrainInterfaces.Status;

/// <summary>Render figures of one silo; key <c>silo:&lt;silo address&gt;</c>, always activated on that silo.</summary>
[Alias("k2.ISiloStatsGrain")]
public interface ISiloStatsGrain : IGrainWithStringKey
{
    public const string KeyPrefix = "silo:";

    /// <summary>The key of the stats grain on the silo whose parsable address (SiloAddress.ToParsableString) is given.</summary>
    public static string KeyOf(string parsableSiloAddress) => KeyPrefix + parsableSiloAddress;

    /// <summary>The silo's render gate right now.</summary>
    [Alias("GetStats")]
    Task<SiloRenderStats> GetStatsAsync();
}
