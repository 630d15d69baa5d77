namespace K2Orleans.StatusBridge.Server;

/// <summary>One answer line and whether the connection ends after it.</summary>
public readonly record struct BridgeResponse(byte[] Line, bool CloseAfter);
