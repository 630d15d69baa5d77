using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.WordPress;
using K2Orleans.GrainInterfaces.Jobs;

namespace K2Orleans.GrainInterfaces.Status;

/// <summary>The answer to <c>STATUS</c>: silos plus unfinished jobs and those finished in the last 24 hours.</summary>
/// <param name="Running">The cluster is reachable and at least one silo is active.</param>
/// <param name="WordPress">The WordPress poller's health; null when it could not be asked.</param>
/// <param name="Degraded">
/// Why part of the answer is the last one known rather than fresh (the membership database is down, a silo stopped
/// answering); null when everything was read just now. <c>Jobs</c> left default means "not read this time".
/// </param>
[GenerateSerializer, Immutable, Alias("k2.ClusterSnapshot")]
public sealed record ClusterSnapshot(
    bool Running, ImmutableArray<SiloSnapshot> Silos, ImmutableArray<JobSnapshot> Jobs, PollerStatus? WordPress = null, string? Degraded = null)
{
    public static ClusterSnapshot Down { get; } = new(false, [], []);
}
