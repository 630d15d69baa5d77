using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.WordPress;
using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Status;

/// <summary>The answer to <c>STATUS</c>: silos plus unfinished jobs and those finished in the last 24 hours.</summary>
/// <param name="Running">The cluster is reachable and at least one silo is active.</param>
/// <param name="WordPress">The WordPress poller's health; null when it could not be asked.</param>
[GenerateSerializer, Immutable, Alias("k2.ClusterSnapshot")]
public sealed record ClusterSnapshot(bool Running, ImmutableArray<SiloSnapshot> Silos, ImmutableArray<JobSnapshot> Jobs, PollerStatus? WordPress = null)
{
    public static ClusterSnapshot Down { get; } = new(false, [], []);
}
