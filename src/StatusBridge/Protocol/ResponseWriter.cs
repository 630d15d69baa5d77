using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;

namespace K2Orleans.StatusBridge.Protocol;

/// <summary>Writes the answer lines of contracts.md §3: one line of UTF-8 JSON ending in <c>\n</c>.</summary>
public static class ResponseWriter
{
    /// <summary>JOB answers carry at most this many errors, the oldest first.</summary>
    public const int MaxErrors = 20;

    // Readable for people using nc or socat; quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Pong(bool running) => Line(writer =>
    {
        writer.WriteBoolean("ok", true);
        writer.WriteBoolean("pong", true);
        writer.WriteBoolean("running", running);
    });

    public static byte[] Bye() => Line(writer =>
    {
        writer.WriteBoolean("ok", true);
        writer.WriteBoolean("bye", true);
    });

    public static byte[] Error(string code, string message) => Line(writer =>
    {
        writer.WriteBoolean("ok", false);
        writer.WriteString("error", code);
        writer.WriteString("message", message);
    });

    /// <summary>The silo's image endpoint (docs/images-endpoint.md): counts since start, waits for a render over the last minute.</summary>
    private static void WriteOnRequest(Utf8JsonWriter writer, OnRequestStats images)
    {
        writer.WriteStartObject("on_request");
        writer.WriteNumber("rendered", images.Rendered);
        writer.WriteNumber("served", images.Served);
        writer.WriteNumber("coalesced", images.Coalesced);
        writer.WriteNumber("not_found", images.NotFound);
        writer.WriteNumber("busy", images.Busy);
        writer.WriteNumber("p50_ms", images.P50Ms);
        writer.WriteNumber("p99_ms", images.P99Ms);
        writer.WriteEndObject();
    }

    /// <param name="uptime">How long the bridge has been serving (the hosting process's uptime).</param>
    public static byte[] Status(ClusterSnapshot cluster, TimeSpan uptime) => Line(writer =>
    {
        writer.WriteBoolean("ok", true);
        writer.WriteBoolean("running", cluster.Running);
        if (cluster.Degraded is { } degraded)
        {
            writer.WriteString("degraded", degraded);
        }

        WriteRounded(writer, "uptime_s", uptime.TotalSeconds, 1);

        writer.WriteStartArray("silos");
        foreach (var silo in OrEmpty(cluster.Silos))
        {
            writer.WriteStartObject();
            writer.WriteString("address", silo.Address);
            writer.WriteString("status", silo.Status);
            writer.WriteNumber("renders_active", silo.RendersActive);
            writer.WriteNumber("render_limit", silo.RenderLimit);
            if (silo.OnRequest is { } images)
            {
                WriteOnRequest(writer, images);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("jobs");
        foreach (var job in OrEmpty(cluster.Jobs))
        {
            writer.WriteStartObject();
            WriteJobFields(writer, job);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (cluster.WordPress is { } poller)
        {
            writer.WriteStartObject("wordpress");
            writer.WriteBoolean("enabled", poller.Enabled);
            WriteTime(writer, "last_poll_at", poller.LastPollAt);
            writer.WriteString("last_error", poller.LastError);
            writer.WriteEndObject();
        }
    });

    public static byte[] Job(JobSnapshot job) => Line(writer =>
    {
        writer.WriteBoolean("ok", true);
        writer.WriteStartObject("job");
        WriteJobFields(writer, job);

        writer.WriteStartArray("errors");
        foreach (var error in OrEmpty(job.Errors).Take(MaxErrors))
        {
            writer.WriteStartObject();
            writer.WriteString("key", error.Key);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("batches");
        writer.WriteNumber("total", job.Batches?.Total ?? 0);
        writer.WriteNumber("done", job.Batches?.Done ?? 0);
        writer.WriteNumber("in_flight", job.Batches?.InFlight ?? 0);
        writer.WriteEndObject();

        writer.WriteEndObject();
    });

    /// <summary>The wire name of a job state: its member name in lower case.</summary>
    public static string StateName(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.Paused => "paused",
        JobState.Completed => "completed",
        JobState.Failed => "failed",
        JobState.Cancelled => "cancelled",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static void WriteJobFields(Utf8JsonWriter writer, JobSnapshot job)
    {
        writer.WriteString("id", job.Id);
        writer.WriteString("trophy", job.Trophy);
        writer.WriteString("status", StateName(job.Status));
        writer.WriteNumber("total", job.Total);
        writer.WriteNumber("done", job.Done);
        writer.WriteNumber("skipped", job.Skipped);
        writer.WriteNumber("failed", job.Failed);
        writer.WriteNumber("remaining", job.Remaining);
        WriteTime(writer, "started_at", job.StartedAt);
        WriteTime(writer, "finished_at", job.FinishedAt);
        WriteRounded(writer, "elapsed_s", job.ElapsedSeconds, 1);
        WriteRounded(writer, "eta_s", job.EtaSeconds, 1);
        WriteRounded(writer, "rate_per_s", job.RatePerSecond, 2);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteRounded(Utf8JsonWriter writer, string name, double? value, int decimals)
    {
        // JSON has no NaN or infinity; an unusable number is reported as unknown.
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, Math.Round(number, decimals));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;

    private static byte[] Line(Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
