namespace K2Orleans.GrainInterfaces.Status;

/// <summary>Render figures of one silo; key <c>silo:&lt;silo address&gt;</c>, always activated on that silo.</summary>
[Alias("k2.ISiloStatsGrain")]
public interface ISiloStatsGrain : IGrainWithStringKey
{
    /// <summary>The silo's render gate right now.</summary>
    [Alias("GetStats")]
    Task<SiloRenderStats> GetStatsAsync();
}
