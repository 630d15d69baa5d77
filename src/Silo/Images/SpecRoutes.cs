using System.Text.Json;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.OnRequest;
using K2Orleans.Grains.Rendering.Gate;
using K2Orleans.Grains.Rendering.Layers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Images;

/// <summary>
/// <c>POST /validate</c> (body: a spec; answer: its problems, as <c>k2 validate</c> lists them) and <c>POST /preview</c>
/// (body: <c>{"spec":{..},"key":".."}</c>; answer: that combination's image, nothing written), for the WordPress
/// editor's server-side calls. Both need the bearer token; the spec's layers are read only inside the allowed asset
/// roots, and the work runs in the render gate's interactive lane like an on-request image.
/// </summary>
public sealed partial class SpecRoutes(
    RemoteSpecCheck check, PreviewRenderer preview, RenderGate gate, PendingRenders pending, IOptions<ImagesOptions> options, ILogger<SpecRoutes> logger)
{
    private readonly BearerToken token = new(options.Value.Token);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/validate", (Delegate)ValidateAsync);
        app.MapPost("/preview", (Delegate)PreviewAsync);
    }

    private async Task<IResult> ValidateAsync(HttpContext context)
    {
        var (json, refused) = await ReadAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        return await InteractiveAsync(context, () =>
        {
            var result = check.Check(json!, decodeAssets: true);
            return HttpAnswers.Problems(StatusCodes.Status200OK, result.Problems, result.Spec is null ? null : new CombinationSpace(result.Spec).Total);
        });
    }

    private async Task<IResult> PreviewAsync(HttpContext context)
    {
        var (json, refused) = await ReadAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        using var document = JsonDocument.Parse(json!);
        if (document.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("spec", out var specElement) || specElement.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String)
        {
            return HttpAnswers.Error(StatusCodes.Status400BadRequest, "bad_request", "the body must be {\"spec\": {...}, \"key\": \"...\"}");
        }

        var specJson = specElement.GetRawText();
        var key = keyElement.GetString()!;
        context.Response.Headers.CacheControl = "no-store";
        return await InteractiveAsync(context, () => Preview(specJson, key));
    }

    private IResult Preview(string specJson, string key)
    {
        var result = check.Check(specJson, decodeAssets: false);
        if (result.Spec is not { } spec)
        {
            return HttpAnswers.Problems(StatusCodes.Status400BadRequest, result.Problems, null, error: "refused");
        }

        if (new CombinationSpace(spec).IndexOfKey(key) is not { } index)
        {
            return HttpAnswers.Error(StatusCodes.Status400BadRequest, "unknown_key", $"'{Grains.Requests.JobRequestGate.Printable(key)}' is not a combination key of the spec");
        }

        try
        {
            return Results.Bytes(preview.Render(spec, index), HttpAnswers.ContentType(spec.Output.Format));
        }
        catch (LayerUnavailableException e)
        {
            return HttpAnswers.Error(StatusCodes.Status422UnprocessableEntity, "layer_unavailable", e.Message);
        }
    }

    /// <summary>Runs CPU work in the interactive lane; 503 when too many renders wait already.</summary>
    private async Task<IResult> InteractiveAsync(HttpContext context, Func<IResult> work)
    {
        if (!pending.TryEnter())
        {
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return HttpAnswers.Error(StatusCodes.Status503ServiceUnavailable, "busy", "too many images are being rendered; ask again shortly");
        }

        try
        {
            return await gate.RunAsync(_ => work(), CancellationToken.None, RenderLane.Interactive);
        }
        finally
        {
            pending.Exit();
        }
    }

    /// <summary>The body as JSON text, or the answer refusing it: no token, too large, not UTF-8, not JSON.</summary>
    private async Task<(string? Json, IResult? Refused)> ReadAsync(HttpContext context)
    {
        if (Unauthorized(context) is { } unauthorized)
        {
            return (null, unauthorized);
        }

        var (json, bad) = await RequestBody.ReadAsync(context, options.Value.MaxBodyBytes);
        return bad is not null ? (null, bad) : (json, JsonProblem(json!));
    }

    private IResult? Unauthorized(HttpContext context)
    {
        if (token.Admits(context.Request))
        {
            return null;
        }

        LogUnauthorized(logger, context.Request.Path, context.Connection.RemoteIpAddress?.ToString() ?? "?");
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return HttpAnswers.Error(
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            token.IsSet ? "send Authorization: Bearer <Images:Token>" : "Images:Token is not set on this silo, so /validate and /preview are off");
    }

    private static IResult? JsonProblem(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            return null;
        }
        catch (JsonException e)
        {
            return HttpAnswers.Error(StatusCodes.Status400BadRequest, "bad_json", $"the body is not valid JSON: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path} refused a request from {Client} without the bearer token")]
    private static partial void LogUnauthorized(ILogger logger, string path, string client);
}
