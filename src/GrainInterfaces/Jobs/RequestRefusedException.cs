namespace K2Orleans.GrainInterfaces.Jobs;

/// <summary>
/// A grain refused a request that breaks a rule (spec rules, limits, allowed folders); nothing was started or written.
/// The message lists every problem, each naming its rule.
/// </summary>
[GenerateSerializer, Alias("k2.RequestRefusedException")]
public sealed class RequestRefusedException : Exception
{
    public RequestRefusedException()
    {
    }

    public RequestRefusedException(string message)
        : base(message)
    {
    }

    public RequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RequestRefusedException(IReadOnlyList<string> problems)
        : base("request refused: " + string.Join("; ", problems))
    {
    }
}
