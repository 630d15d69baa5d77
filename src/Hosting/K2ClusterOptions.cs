using Microsoft.Extensions.Configuration;
using MySqlConnector;

namespace K2Orleans.Hosting;

/// <summary>The <c>Cluster</c> section: how silos find each other and clients find silos.</summary>
public sealed class K2ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// Keys of this section only a silo reads (liveness, start-up wait, dead-row housekeeping; the silo binds and checks
    /// them). A client (k2, the bridge) reads the same file, so they are not unknown to it.
    /// </summary>
    public static readonly IReadOnlyList<string> SiloKeys =
    [
        "ProbeTimeout", "MissedProbesLimit", "VotesForDeath", "HeartbeatPeriod", "StartupTimeout",
        "DefunctSiloExpiration", "DefunctSiloCleanupPeriod", "MaxDefunctSiloEntries", "DefunctSiloMinimumRetention",
    ];

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

    public bool IsMySql => Mode == "MySql";

    /// <summary>Whether this silo joins another silo on this host instead of being the primary.</summary>
    public bool JoinsPrimary => !IsMySql && PrimarySiloPort != 0;

    /// <summary>Binds the section strictly as a client reads it, leaving <see cref="SiloKeys"/> to the silo.</summary>
    public static K2ClusterOptions Bind(IConfiguration configuration, List<string> errors) =>
        K2Configuration.Bind<K2ClusterOptions>(configuration, SectionName, errors, SiloKeys);

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
}
