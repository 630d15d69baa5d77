namespace K2Orleans.Cli;

/// <summary>The exit codes of contracts.md §5.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int SomeFailed = 1;
    public const int BadInput = 2;
    public const int Unreachable = 3;
}
