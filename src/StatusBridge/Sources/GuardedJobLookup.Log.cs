using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Sources;

public sealed partial class GuardedJobLookup
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Status bridge: looking up job {JobId} failed")]
    private partial void LogLookupFailed(Exception exception, string jobId);
}
