using System.Net;
using MySqlConnector;

namespace K2Orleans.StatusBridge.Client;

/// <summary>The <c>Cluster</c> section: how silos find each other and clients find silos.</summary>
public sealed class K2ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Heartbeats a silo may miss before its row counts as stale (Orleans' default, kept fixed).</summary>
    public const int MissedHeartbeatsLimit = 3;

    /// <summary><c>Localhost</c>: one host, no database (the embedded default). <c>MySql</c>: membership in MySQL/MariaDB.</summary>
    public string Mode { get; set; } = "Localhost";

    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "k2orleans";

    public string ServiceId { get; set; } = "k2orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Localhost mode: the silo port of the silo this one joins on 127.0.0.1, so several silos can share one host
    /// without a database (e.g. to measure two silos on one machine). 0: this silo is the primary, or alone.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>The address other hosts reach this silo at (MySql mode); empty picks this host's first address.</summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>
    /// MySql mode: listen for silos and clients on every interface instead of only <see cref="AdvertisedAddress"/>
    /// (e.g. behind NAT, where the advertised address is not this host's own). Off: exposure is a decision.
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// A PKCS#12 (.pfx) file with a certificate and its private key, the same file on every silo and every client
    /// host (CLI, status bridge). When set, silo-to-silo and client-to-gateway connections use TLS and accept only a
    /// peer that proves it holds this same key: a shared secret for the cluster. Empty: plain TCP.
    /// </summary>
    public string TlsCertificatePath { get; set; } = "";

    /// <summary>The password of <see cref="TlsCertificatePath"/>, if it has one.</summary>
    public string TlsCertificatePassword { get; set; } = "";

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

    public bool IsMySql => Mode == "MySql";

    /// <summary>Whether this silo joins another silo on this host instead of being the primary.</summary>
    public bool JoinsPrimary => !IsMySql && PrimarySiloPort != 0;

    /// <summary>When a silo that stopped sending heartbeats is treated as gone by silos that start.</summary>
    public TimeSpan StaleAfter => HeartbeatPeriod * MissedHeartbeatsLimit;

    /// <summary>Why a MySQL connection string cannot be used (unknown keys, no database), or null.</summary>
    public static string? MySqlConnectionStringProblem(string connectionString)
    {
        try
        {
            return string.IsNullOrWhiteSpace(new MySqlConnectionStringBuilder(connectionString).Database)
                ? "names no database (Database=...)"
                : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"is not a MySQL connection string: {e.Message}";
        }
    }

    public IEnumerable<string> Validate()
    {
        if (Mode is not ("Localhost" or "MySql"))
        {
            yield return $"{SectionName}:Mode must be Localhost or MySql, is '{Mode}'";
        }

        if (IsMySql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:ConnectionString is required when {SectionName}:Mode is MySql";
        }
        else if (IsMySql && MySqlConnectionStringProblem(ConnectionString) is { } problem)
        {
            yield return $"{SectionName}:ConnectionString {problem}";
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || ClusterId.Length > 150)
        {
            yield return $"{SectionName}:ClusterId must be 1..150 characters";
        }

        if (string.IsNullOrWhiteSpace(ServiceId) || ServiceId.Length > 150)
        {
            yield return $"{SectionName}:ServiceId must be 1..150 characters";
        }

        if (SiloPort is < 1 or > 65535)
        {
            yield return $"{SectionName}:SiloPort must be 1..65535, is {SiloPort}";
        }

        if (GatewayPort is < 1 or > 65535 || GatewayPort == SiloPort)
        {
            yield return $"{SectionName}:GatewayPort must be 1..65535 and differ from SiloPort, is {GatewayPort}";
        }

        if (PrimarySiloPort is < 0 or > 65535 || (PrimarySiloPort != 0 && (PrimarySiloPort == SiloPort || PrimarySiloPort == GatewayPort)))
        {
            yield return $"{SectionName}:PrimarySiloPort must be 0 (this silo is the primary) or 1..65535 and differ from SiloPort and GatewayPort, is {PrimarySiloPort}";
        }
        else if (IsMySql && PrimarySiloPort != 0)
        {
            yield return $"{SectionName}:PrimarySiloPort applies to {SectionName}:Mode Localhost only (MySql silos find each other in the membership table), is {PrimarySiloPort}";
        }

        if (AdvertisedAddress.Length > 0 && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{SectionName}:AdvertisedAddress must be an IP address, is '{AdvertisedAddress}'";
        }

        if (TlsCertificatePath.Length > 0 && ClusterTls.LoadProblem(TlsCertificatePath, TlsCertificatePassword) is { } tls)
        {
            yield return $"{SectionName}:TlsCertificatePath {tls}";
        }

        if (ProbeTimeout < TimeSpan.FromMilliseconds(500) || ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{SectionName}:ProbeTimeout must be 00:00:00.5..00:01:00, is {ProbeTimeout}";
        }

        if (MissedProbesLimit is < 1 or > 10)
        {
            yield return $"{SectionName}:MissedProbesLimit must be 1..10, is {MissedProbesLimit}";
        }

        if (VotesForDeath is < 1 or > 10)
        {
            yield return $"{SectionName}:VotesForDeath must be 1..10, is {VotesForDeath}";
        }

        if (StartupTimeout < TimeSpan.Zero || StartupTimeout > TimeSpan.FromHours(24))
        {
            yield return $"{SectionName}:StartupTimeout must be 00:00:00..1.00:00:00, is {StartupTimeout}";
        }

        if (HeartbeatPeriod < TimeSpan.FromSeconds(1) || HeartbeatPeriod > TimeSpan.FromMinutes(5))
        {
            yield return $"{SectionName}:HeartbeatPeriod must be 00:00:01..00:05:00, is {HeartbeatPeriod}";
        }

        foreach (var problem in DefunctSiloProblems())
        {
            yield return problem;
        }
    }

    private IEnumerable<string> DefunctSiloProblems()
    {
        if (DefunctSiloMinimumRetention < TimeSpan.FromSeconds(1) || DefunctSiloMinimumRetention > TimeSpan.FromDays(1))
        {
            yield return $"{SectionName}:DefunctSiloMinimumRetention must be 00:00:01..1.00:00:00, is {DefunctSiloMinimumRetention}";
        }

        if (DefunctSiloExpiration < DefunctSiloMinimumRetention || DefunctSiloExpiration > TimeSpan.FromDays(365))
        {
            yield return $"{SectionName}:DefunctSiloExpiration must be {SectionName}:DefunctSiloMinimumRetention ({DefunctSiloMinimumRetention})..365.00:00:00, is {DefunctSiloExpiration}";
        }

        if (DefunctSiloCleanupPeriod < TimeSpan.FromSeconds(1) || DefunctSiloCleanupPeriod > TimeSpan.FromDays(7))
        {
            yield return $"{SectionName}:DefunctSiloCleanupPeriod must be 00:00:01..7.00:00:00, is {DefunctSiloCleanupPeriod}";
        }

        if (MaxDefunctSiloEntries is < 0 or > 10_000)
        {
            yield return $"{SectionName}:MaxDefunctSiloEntries must be 0..10000, is {MaxDefunctSiloEntries}";
        }
    }
}
