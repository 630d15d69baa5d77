namespace K2Orleans.GrainInterfaces.WordPress;

/// <summary>The WordPress poller as it stands.</summary>
/// <param name="Silo">The silo the poller runs on.</param>
/// <param name="Polls">Polls finished by this activation, failed ones included.</param>
/// <param name="LastError">Why the last poll failed; null when it succeeded.</param>
[GenerateSerializer, Immutable, Alias("k2.PollerStatus")]
public sealed record PollerStatus(string Silo, bool Enabled, long Polls, DateTimeOffset? LastPollAt, string? LastError);
