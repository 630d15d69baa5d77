namespace K2Orleans.Silo.Configuration;

/// <summary>The <c>Dashboard</c> section: the Orleans Dashboard on this silo's own web server.</summary>
public sealed class K2DashboardOptions
{
    public const string SectionName = "Dashboard";

    public bool Enabled { get; set; } = true;

    /// <summary>Loopback by default: the dashboard has no login, so exposing it is a deliberate choice.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";
}
