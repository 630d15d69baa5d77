using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using K2Orleans.GrainInterfaces.Specs;
using K2Orleans.Grains.Specs;
using Microsoft.AspNetCore.Http;

namespace K2Orleans.Silo.Images;

/// <summary>The endpoint's answers other than images: small JSON documents written by hand, so their shape is the contract.</summary>
public static class HttpAnswers
{
    // Answers go to programs (PHP's json_decode), never into HTML: quotes and angle brackets stay readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Error(int status, string code, string message) => Json(status, writer =>
    {
        writer.WriteBoolean("ok", false);
        writer.WriteString("error", code);
        writer.WriteString("message", message);
    });

    /// <summary><c>{"ok":..,"combinations":..,"problems":[{"path","message"}]}</c>, the first 100 problems listed, the rest counted.</summary>
    public static IResult Problems(int status, IReadOnlyList<SpecProblem> problems, long? combinations, string? error = null) => Json(status, writer =>
    {
        writer.WriteBoolean("ok", problems.Count == 0);
        if (error is not null)
        {
            writer.WriteString("error", error);
        }

        if (combinations is { } total)
        {
            writer.WriteNumber("combinations", total);
        }

        writer.WriteStartArray("problems");
        foreach (var problem in problems.Take(SpecRules.MaxListedProblems))
        {
            writer.WriteStartObject();
            writer.WriteString("path", problem.Path);
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }

        if (problems.Count > SpecRules.MaxListedProblems)
        {
            writer.WriteStartObject();
            writer.WriteString("path", "$");
            writer.WriteString("message", $"and {problems.Count - SpecRules.MaxListedProblems} more problems not listed");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Jpg => "image/jpeg",
        OutputFormat.Webp => "image/webp",
        _ => "image/png",
    };

    private static IResult Json(int status, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, status);
    }
}
