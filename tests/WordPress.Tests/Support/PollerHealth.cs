using System.Globalization;
using System.Text.Json.Nodes;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>The STATUS answer's <c>wordpress</c> field: whether the daemon polls WordPress, when it last did, why that failed.</summary>
public sealed record PollerHealth(bool Enabled, DateTimeOffset? LastPollAt, string? LastError)
{
    public static PollerHealth Healthy(DateTimeOffset lastPollAt) => new(true, lastPollAt, null);

    public JsonObject ToJson() => new()
    {
        ["enabled"] = Enabled,
        ["last_poll_at"] = LastPollAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["last_error"] = LastError,
    };
}
