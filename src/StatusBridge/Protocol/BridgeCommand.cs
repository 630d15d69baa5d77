namespace K2Orleans.StatusBridge.Protocol;

/// <summary>The requests the status socket understands; all of them only read.</summary>
public enum BridgeCommand
{
    Invalid = 0,
    Ping = 1,
    Status = 2,
    Job = 3,
    Quit = 4,
}
