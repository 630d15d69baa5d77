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
/// If-None-Match), with the input fingerprint as its ETag.
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
                context.Response.Headers.CacheControl = $"public, max-age={options.Value.MaxAgeSeconds}";
                return Results.File(
                    found.Path!, HttpAnswers.ContentType(found.Format), entityTag: new EntityTagHeaderValue($"\"{found.Fingerprint}\""), enableRangeProcessing: true);
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
}
