namespace K2Orleans.Grains.Jobs;

/// <summary>The <c>Jobs</c> section: how a job drives its batches.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How often a running job dispatches batches and looks at progress.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often in-flight batches are asked whether they still run (finds batches lost with a silo).</summary>
    public TimeSpan LivenessInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Batches in flight per render slot in the cluster; 2 keeps every gate fed while reports travel.</summary>
    public int BatchesPerRenderSlot { get; set; } = 2;
}
