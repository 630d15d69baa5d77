using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace K2Orleans.Silo.Images;

/// <summary>The <c>Authorization: Bearer</c> check of <c>/validate</c> and <c>/preview</c>.</summary>
public sealed class BearerToken(string token)
{
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool IsSet { get; } = token.Length > 0;

    /// <summary>True when the request carries the configured token; always false while none is configured.</summary>
    public bool Admits(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!IsSet || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashes of equal length compared in constant time: the answer's timing says nothing about the token.
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, expected);
    }
}
