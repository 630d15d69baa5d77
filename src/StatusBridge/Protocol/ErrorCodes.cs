namespace K2Orleans.StatusBridge.Protocol;

/// <summary>The <c>error</c> values of a <c>{"ok":false,...}</c> answer (contracts.md §3 plus the bridge's own).</summary>
public static class ErrorCodes
{
    public const string UnknownCommand = "unknown_command";

    /// <summary>The request line exceeded 1024 bytes; the connection is closed after the answer.</summary>
    public const string LineTooLong = "line_too_long";

    public const string NotFound = "not_found";

    /// <summary>The cluster did not answer a JOB lookup in time or failed; retrying later may work.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The bridge already serves its maximum of connections; sent once, then the connection is closed.</summary>
    public const string Busy = "busy";

    /// <summary>The connection used up its requests; sent once, then the connection is closed (reconnect).</summary>
    public const string TooManyRequests = "too_many_requests";
}
