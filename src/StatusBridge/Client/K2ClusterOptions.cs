using System.Net;

namespace K2Orleans.StatusBridge.Client;

/// <summary>The <c>Cluster</c> section: how silos find each other and clients find silos.</summary>
public sealed class K2ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary><c>Localhost</c>: one host, no database (the embedded default). <c>MySql</c>: membership in MySQL/MariaDB.</summary>
    public string Mode { get; set; } = "Localhost";

    public string ConnectionString { get; set; } = "";

    public string ClusterId { get; set; } = "k2orleans";

    public string ServiceId { get; set; } = "k2orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other hosts reach this silo at (MySql mode); empty picks this host's first address.</summary>
    public string AdvertisedAddress { get; set; } = "";

    public bool IsMySql => Mode == "MySql";

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

        if (AdvertisedAddress.Length > 0 && !IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"{SectionName}:AdvertisedAddress must be an IP address, is '{AdvertisedAddress}'";
        }
    }
}
