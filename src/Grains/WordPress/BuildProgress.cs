using System.Globalization;
using System.Text;
using System.Text.Json;

namespace K2Orleans.Grains.WordPress;

/// <summary>The <c>_k2_build_progress</c> value (contracts.md §4).</summary>
public static class BuildProgress
{
    /// <summary><c>{"total":..,"done":..,"skipped":..,"failed":..,"eta_s":..,"updated_at":"..."}</c>; <c>eta_s</c> is null while unknown, 0 once finished.</summary>
    public static string Format(JobSnapshot job, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("total", job.Total);
            json.WriteNumber("done", job.Done);
            json.WriteNumber("skipped", job.Skipped);
            json.WriteNumber("failed", job.Failed);
            if (job.EtaSeconds is { } eta && double.IsFinite(eta))
            {
                json.WriteNumber("eta_s", Math.Round(Math.Max(0, eta), 1));
            }
            else
            {
                json.WriteNull("eta_s");
            }

            json.WriteString("updated_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
