using K2Orleans.Grains.OnRequest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace K2Orleans.Silo.Images;

/// <summary>
/// <c>GET|HEAD /images/{slug}/{key}{suffix}.{ext}</c>: the file the build writes for that combination, rendered first when
/// it is missing or stale. Sent the way ASP.NET Core sends static files (ranges, HEAD, 304 on a matching
/// If-None-Match, Last-Modified), from the bytes read once with the fingerprint that is their ETag.
/// </summary>
public sealed class ImageRoutes(OnRequestRenderer images, IOptions<ImagesOptions> options)
{
    public void Map(IEndpointRouteBuilder app) => app.MapMethods("/images/{slug}/{file}", [HttpMethods.Get, HttpMethods.Head], (Delegate)GetAsync);

    private async Task<IResult> GetAsync(string slug, string file, HttpContext context)
    {
        var found = await images.FindAsync(slug, file, context.RequestAborted);
        switch (found.Kind)
        {
            case ImageLookupKind.Ready:
                var image = found.File!;
                context.Response.Headers.CacheControl = $"public, max-age={options.Value.MaxAgeSeconds}";
                var tag = new EntityTagHeaderValue($"\"{image.Fingerprint}\"");
                var contentType = HttpAnswers.ContentType(found.Format);
                if (image.Content is { } bytes)
                {
                    return new Disposing(Results.Bytes(bytes, contentType, lastModified: image.LastModified, entityTag: tag, enableRangeProcessing: true), image);
                }

                image.Dispose();
                return Results.File(image.Path, contentType, lastModified: image.LastModified, entityTag: tag, enableRangeProcessing: true);
            case ImageLookupKind.Busy:
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return HttpAnswers.Error(StatusCodes.Status503ServiceUnavailable, "busy", "too many images are being rendered; ask again shortly");
            case ImageLookupKind.Failed:
                // The reason (a layer's path) is in the silo's log, not in a public answer.
                return HttpAnswers.Error(StatusCodes.Status500InternalServerError, "render_failed", "the image cannot be rendered now");
            default:
                return HttpAnswers.Error(StatusCodes.Status404NotFound, "not_found", "no such image");
        }
    }

    /// <summary>Writes the answer, then gives the file's buffer back: the response has copied the bytes by then.</summary>
    private sealed class Disposing(IResult inner, IDisposable owner) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            finally
            {
                owner.Dispose();
            }
        }
    }
}
