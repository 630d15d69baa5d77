using K2Orleans.Hosting;
using K2Orleans.TestSupport;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.Cli.Tests.Support;

/// <summary>
/// One <c>k2</c> command run in this process with string writers: the same parsing, output and exit code as the
/// program (<see cref="K2Process"/> runs that), without starting a process.
/// </summary>
public sealed record K2Run(int ExitCode, string StandardOutput, string StandardError)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    public static Task<K2Run> RunAsync(params string[] args) => RunAsync(null, DefaultTimeout, args);

    /// <param name="environment">The command's configuration as <c>K2__Section__Key</c> variables (a daemon's, say); none when null.</param>
    public static async Task<K2Run> RunAsync(IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, isTerminal: false, () => Configuration(environment));
        var exitCode = await K2Command.RunAsync(args, context).WaitAsync(timeout);
        return new K2Run(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The counts of the render summary line, as <see cref="K2Process.Summary"/> reads them.</summary>
    public (int Rendered, int Skipped, int Failed) Summary() => K2Process.SummaryOf(StandardOutput, StandardError);

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string>? environment) => new ConfigurationBuilder()
        .AddInMemoryCollection((environment ?? new Dictionary<string, string>())
            .Where(variable => variable.Key.StartsWith(K2Configuration.EnvironmentPrefix, StringComparison.Ordinal))
            .Select(variable => KeyValuePair.Create(
            variable.Key[K2Configuration.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)variable.Value)))
        .Build();
}
