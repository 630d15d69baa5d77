
namespace K2Orleans.Grains.Trophies;

/// <summary>A trophy's latest job request as stored (state name <c>trophyRegistry</c>); null until its first job.</summary>
[GenerateSerializer, Alias("k2.TrophyRegistryState")]
public sealed class TrophyRegistryState
{
    [Id(0)]
    public JobRequest? Latest { get; set; }
}
