using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Hosting;

public sealed partial class StatusBridgeService
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Status bridge disabled (StatusBridge:Enabled is false)")]
    private partial void LogDisabled();
}
