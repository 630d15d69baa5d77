using System.Net;
using Microsoft.Extensions.Options;

namespace K2Orleans.Hosting;

/// <summary>
/// Checks the <c>Cluster</c> keys every host reads (silo, k2, the bridge); every message names its key. The silo's
/// own keys of the section have a validator of their own in the silo.
/// </summary>
public sealed class K2ClusterOptionsValidator : IValidateOptions<K2ClusterOptions>
{
    private const string Prefix = K2ClusterOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, K2ClusterOptions options) =>
        Problems(options).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    private static IEnumerable<string> Problems(K2ClusterOptions options)
    {
        if (options.Mode is not ("Localhost" or "MySql"))
        {
            yield return $"{Prefix}Mode must be Localhost or MySql, is '{options.Mode}'";
        }

        if (options.IsMySql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            yield return $"{Prefix}ConnectionString is required when {Prefix}Mode is MySql";
        }
        else if (options.IsMySql && K2ClusterOptions.MySqlConnectionStringProblem(options.ConnectionString) is { } problem)
        {
            yield return $"{Prefix}ConnectionString {problem}";
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId) || options.ClusterId.Length > 150)
        {
            yield return $"{Prefix}ClusterId must be 1..150 characters";
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId) || options.ServiceId.Length > 150)
        {
            yield return $"{Prefix}ServiceId must be 1..150 characters";
        }

        foreach (var problem in PortProblems(options))
        {
            yield return problem;
        }

        if (options.AdvertisedAddress.Length > 0 && !IPAddress.TryParse(options.AdvertisedAddress, out _))
        {
            yield return $"{Prefix}AdvertisedAddress must be an IP address, is '{options.AdvertisedAddress}'";
        }

        if (options.TlsCertificatePath.Length > 0 && ClusterTls.LoadProblem(options.TlsCertificatePath, options.TlsCertificatePassword) is { } tls)
        {
            yield return $"{Prefix}TlsCertificatePath {tls}";
        }
    }

    private static IEnumerable<string> PortProblems(K2ClusterOptions options)
    {
        var (silo, gateway, primary) = (options.SiloPort, options.GatewayPort, options.PrimarySiloPort);
        if (silo is < 1 or > 65535)
        {
            yield return $"{Prefix}SiloPort must be 1..65535, is {silo}";
        }

        if (gateway is < 1 or > 65535 || gateway == silo)
        {
            yield return $"{Prefix}GatewayPort must be 1..65535 and differ from SiloPort, is {gateway}";
        }

        if (primary is < 0 or > 65535 || (primary != 0 && (primary == silo || primary == gateway)))
        {
            yield return $"{Prefix}PrimarySiloPort must be 0 (this silo is the primary) or 1..65535 and differ from SiloPort and GatewayPort, is {primary}";
        }
        else if (options.IsMySql && primary != 0)
        {
            yield return $"{Prefix}PrimarySiloPort applies to {Prefix}Mode Localhost only (MySql silos find each other in the membership table), is {primary}";
        }
    }
}
