using System.Text;
using Microsoft.AspNetCore.Http;

namespace K2Orleans.Silo.Images;

/// <summary>Reads a POST body as UTF-8 text of at most a given size, answering 413 or 400 instead of reading further.</summary>
public static class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Text, IResult? Refusal)> ReadAsync(HttpContext context, long maxBytes)
    {
        var tooLarge = HttpAnswers.Error(StatusCodes.Status413PayloadTooLarge, "too_large", $"the body is over {maxBytes} bytes (Images:MaxBodyBytes)");
        if (context.Request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, tooLarge);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own limit (the same size) or a malformed chunked body.
            return (null, HttpAnswers.Error(e.StatusCode, "bad_body", e.Message));
        }

        try
        {
            return (StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, HttpAnswers.Error(StatusCodes.Status400BadRequest, "bad_json", "the body is not UTF-8 text"));
        }
    }
}
