namespace K2Orleans.StatusBridge.Protocol;

/// <summary>One parsed request line: a command (with its job id for JOB) or the error to answer instead.</summary>
public sealed record BridgeRequest(BridgeCommand Command, string? JobId = null, ProtocolError? Error = null)
{
    public static BridgeRequest Invalid(string code, string message, bool closeAfter = false) =>
        new(BridgeCommand.Invalid, Error: new ProtocolError(code, message, closeAfter));
}
