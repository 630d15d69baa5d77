using K2Orleans.Hosting;

namespace K2Orleans.Silo.Configuration;

/// <summary>
/// The keys of the <c>Cluster</c> section only a silo reads (<see cref="K2ClusterOptions.SiloKeys"/>): failure
/// detection, the wait for the database at start, and housekeeping of dead membership rows.
/// </summary>
public sealed class K2SiloClusterOptions
{
    public const string SectionName = K2ClusterOptions.SectionName;

    /// <summary>Heartbeats a silo may miss before its row counts as stale (Orleans' default, kept fixed).</summary>
    public const int MissedHeartbeatsLimit = 3;

    /// <summary>
    /// How long a silo waits for another silo's liveness probe answer (probes are sent about this often). A silo that
    /// misses <see cref="MissedProbesLimit"/> probes in a row is suspected; Orleans' 5 s default leaves a killed silo's
    /// batches waiting for half a minute.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row after which a silo votes that another one is dead.</summary>
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Votes needed to declare a silo dead (fewer when fewer silos are alive to vote).</summary>
    public int VotesForDeath { get; set; } = 2;

    /// <summary>
    /// How often each silo writes its heartbeat to the membership table. A row without a heartbeat for
    /// <see cref="MissedHeartbeatsLimit"/> periods is stale: a silo starting after a crash of the whole cluster waits
    /// that long for rows of silos that did not come back (Orleans' default of 30 s made it 90 s).
    /// </summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// MySql mode: how long a starting silo waits for its database (server down or unreachable) before it gives up.
    /// A database that comes up late (host boot order, maintenance) then costs a wait, not a crash loop.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// MySql mode: dead silo rows older than this are removed from the membership table (Orleans'
    /// <c>ClusterMembershipOptions.DefunctSiloExpiration</c>); a row's age counts from its latest start, heartbeat or
    /// death vote.
    /// </summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>MySql mode: how often the expiration above is applied at the latest (it is also applied whenever membership changes).</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// MySql mode: dead rows kept at most; the oldest beyond this many are removed as soon as membership changes,
    /// except those younger than <see cref="DefunctSiloMinimumRetention"/>.
    /// </summary>
    public int MaxDefunctSiloEntries { get; set; } = 25;

    /// <summary>
    /// MySql mode: every dead row is kept at least this long, whatever the count, so a silo whose join was slow or
    /// retried still finds it was declared dead. Orleans' one hour let a restart loop pile up dozens of rows; ten
    /// minutes stays well above Orleans' five-minute join limit.
    /// </summary>
    public TimeSpan DefunctSiloMinimumRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When a silo that stopped sending heartbeats is treated as gone by silos that start.</summary>
    public TimeSpan StaleAfter => HeartbeatPeriod * MissedHeartbeatsLimit;
}
