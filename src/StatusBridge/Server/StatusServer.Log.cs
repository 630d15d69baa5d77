using Microsoft.Extensions.Logging;

namespace K2Orleans.StatusBridge.Server;

public sealed partial class StatusServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Status bridge listening on {Endpoint}")]
    private partial void LogListening(string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status bridge could not accept a connection")]
    private partial void LogAcceptFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status bridge refused a connection: {Reason}")]
    private partial void LogBusy(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Status bridge connection ended: {Reason}")]
    private partial void LogConnectionEnded(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Status bridge connection failed unexpectedly")]
    private partial void LogConnectionFailed(Exception exception);
}
