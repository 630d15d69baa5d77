namespace K2Orleans.Grains.Jobs;

/// <summary>The job list as stored (state name <c>jobIndex</c>).</summary>
[GenerateSerializer, Alias("k2.JobIndexState")]
public sealed class JobIndexState
{
    [Id(0)]
    public Dictionary<string, JobIndexEntry> Jobs { get; set; } = [];
}
