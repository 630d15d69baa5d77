using Microsoft.Extensions.Configuration;

namespace K2Orleans.Cli;

/// <summary>
/// Everything a command reads or writes besides its arguments: the process's console and configuration for
/// <c>k2</c>, string writers and a chosen configuration for a test that runs a command in process.
/// </summary>
/// <param name="configuration">Built on first use, so a command that needs none never reads appsettings.json.</param>
public sealed class CliContext(TextWriter output, TextWriter error, bool isTerminal, Func<IConfiguration> configuration)
{
    private readonly Lazy<IConfiguration> settings = new(configuration);

    public TextWriter Out => output;

    public TextWriter Error => error;

    /// <summary>Whether <see cref="Out"/> is a terminal, where progress is a redrawn bar rather than plain lines.</summary>
    public bool IsTerminal => isTerminal;

    /// <summary>The configuration sources of the silo (contracts.md §6), for the commands that find the cluster.</summary>
    public IConfiguration Configuration => settings.Value;
}
