namespace K2Orleans.Grains.WordPress;

/// <summary>A trophy post whose <c>_k2_build_status</c> the poller watches.</summary>
/// <param name="JobId">The post's <c>_k2_build_job</c>; empty when none.</param>
public sealed record BuildFlag(long PostId, string Status, string JobId);
