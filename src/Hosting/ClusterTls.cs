using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace K2Orleans.Hosting;

/// <summary>
/// TLS between silos and from clients to gateways with one shared certificate (<c>Cluster:TlsCertificatePath</c>):
/// every side must present that certificate and prove it holds its key, so only hosts given the file can join the
/// cluster or call a grain.
/// </summary>
public static class ClusterTls
{
    /// <summary>Why the file cannot serve as the cluster's certificate, or null.</summary>
    public static string? LoadProblem(string path, string password)
    {
        try
        {
            using var certificate = Load(path, password);
            return certificate.HasPrivateKey ? null : $"'{path}' holds no private key";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return $"'{path}' cannot be loaded as a PKCS#12 certificate with its key: {e.Message}";
        }
    }

    public static X509Certificate2 Load(string path, string password) =>
        X509CertificateLoader.LoadPkcs12FromFile(path, password.Length == 0 ? null : password);

    /// <summary>Options for either side: require the peer's certificate and accept only the shared one.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 shared)
    {
        options.LocalCertificate = shared;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;

        // A self-signed shared certificate fails the platform's chain checks; what counts is that it is this one.
        options.AllowAnyRemoteCertificate();
        options.RemoteCertificateValidation = (certificate, _, _) =>
            certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(shared.RawDataMemory.Span);
    }
}
