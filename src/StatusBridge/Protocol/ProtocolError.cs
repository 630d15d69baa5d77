namespace K2Orleans.StatusBridge.Protocol;

/// <summary>An error answer decided without asking the cluster.</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="CloseAfter">The connection is closed once the answer is sent.</param>
public sealed record ProtocolError(string Code, string Message, bool CloseAfter = false);
