using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Sources;

public sealed partial class ClusterSnapshotCache
{
    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Status bridge: cluster status unavailable ({Reason}); answering with the last known status, marked degraded, for up to 2 minutes, then running:false")]
    private partial void LogSourceUnavailable(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status bridge: cluster status available again")]
    private partial void LogSourceRecovered();
}
