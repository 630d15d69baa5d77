namespace K2Orleans.Silo.Configuration;

/// <summary>Configuration that cannot be used; the message lists every bad key.</summary>
public sealed class K2ConfigurationException(IReadOnlyList<string> errors)
    : Exception("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
