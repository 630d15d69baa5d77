namespace K2Orleans.WordPress.Tests.Support;

/// <summary>The STATUS answer's <c>wordpress</c> field: whether the daemon polls WordPress, when it last did, why that failed.</summary>
public sealed record PollerHealth(bool Enabled, DateTimeOffset? LastPollAt, string? LastError)
{
    public static PollerHealth Healthy(DateTimeOffset lastPollAt) => new(true, lastPollAt, null);
}
