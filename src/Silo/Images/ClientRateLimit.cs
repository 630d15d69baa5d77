using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace K2Orleans.Silo.Images;

/// <summary>
/// A token bucket per client address (Images:PermitsPerSecond, Images:Burst); a request beyond it gets 429 at once.
/// Behind a reverse proxy every request comes from the proxy's address, so the bucket is then the proxy's: size it for
/// the whole shop, and limit single clients in the web server.
/// </summary>
public static class ClientRateLimit
{
    public static void Configure(RateLimiterOptions limiter, ImagesOptions options)
    {
        // Refilled about ten times a second, so a client that used its burst is not locked out for a whole second.
        var tokens = Math.Max(1, options.PermitsPerSecond / 10);
        var period = TimeSpan.FromSeconds((double)tokens / options.PermitsPerSecond);
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => RateLimitPartition.GetTokenBucketLimiter(
            context.Connection.RemoteIpAddress ?? IPAddress.None,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = tokens,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
    }
}
