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
            // A stats grain first asked while its silo was joining answers once with an error, then from its silo.
            var grain = client.GetGrain<ISiloStatsGrain>(ISiloStatsGrain.KeyOf(silo.ToParsableString()));
            await WaitFor.ConditionAsync($"the stats of {silo}", async () =>
            {
                try
                {
                    counts[silo.Endpoint.Port] = (await grain.GetStatsAsync()).BatchesRendered;
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(30));
        }

        return counts;
    }
}
