using System.Text.Json;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>A trophy post's K2 postmeta rows as they are in the database (a key may have several rows).</summary>
public sealed record PostMeta(IReadOnlyDictionary<string, IReadOnlyList<string>> Rows)
{
    public string? Status => First("_k2_build_status");

    public string? Job => First("_k2_build_job");

    public string? Error => First("_k2_build_error");

    public string? ProgressJson => First("_k2_build_progress");

    /// <summary>The parsed progress; null while there is none.</summary>
    public JsonElement? Progress => string.IsNullOrEmpty(ProgressJson) ? null : JsonDocument.Parse(ProgressJson).RootElement.Clone();

    public long Count(string field) => Progress?.GetProperty(field).GetInt64() ?? -1;

    public int RowsOf(string key) => Rows.TryGetValue(key, out var rows) ? rows.Count : 0;

    public string? First(string key) => Rows.TryGetValue(key, out var rows) && rows.Count > 0 ? rows[0] : null;

    public override string ToString() =>
        $"status={Status ?? "(none)"} job={Job ?? "(none)"} progress={ProgressJson ?? "(none)"} error={Error ?? "(none)"}";
}
