using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.TestSupport;

/// <summary>Which silo rendered how much: each active silo's own stats grain, read through an Orleans client.</summary>
public static class SiloBatches
{
    /// <summary>Batches each active silo has rendered since it started, by silo port.</summary>
    public static async Task<IReadOnlyDictionary<int, long>> PerSiloAsync(IClusterClient client)
    {
        var counts = new Dictionary<int, long>();
        foreach (var silo in (await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys)
        {
            var stats = await client.GetGrain<ISiloStatsGrain>(ISiloStatsGrain.KeyOf(silo.ToParsableString())).GetStatsAsync();
            counts[silo.Endpoint.Port] = stats.BatchesRendered;
        }

        return counts;
    }
}
